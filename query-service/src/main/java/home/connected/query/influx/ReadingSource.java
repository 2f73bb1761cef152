package home.connected.query.influx;

import static home.connected.query.influx.ReadingTags.VALUE_FIELD;

/**
 * Where a window's mean, min, max and number of readings come from: the raw readings (one {@code value} each)
 * or a roll-up of them, whose points hold each window's {@code sum}, {@code count}, {@code min} and {@code max}
 * (and {@code mean}) and give the same answers for any window that is a whole number of theirs. {@code
 * first} finds the first reading (of a roll-up: its window) of each series.
 */
public record ReadingSource(String measurement, String first, String mean, String min, String max, String count) {

    /** The roll-ups' fields. */
    public static final String SUM = "sum";

    public static final String COUNT = "count";
    public static final String MIN = "min";
    public static final String MAX = "max";
    public static final String MEAN = "mean";

    /** The raw readings of a measurement (unquoted name). */
    public static ReadingSource raw(String measurement) {
        String value = InfluxQl.identifier(VALUE_FIELD);
        return new ReadingSource(
                InfluxQl.identifier(measurement),
                "first(" + value + ")",
                "mean(" + value + ")",
                "min(" + value + ")",
                "max(" + value + ")",
                "count(" + value + ")");
    }

    /** A roll-up measurement (unquoted name): a mean weighed by each window's readings. */
    public static ReadingSource rollUp(String measurement) {
        String count = "sum(" + InfluxQl.identifier(COUNT) + ")";
        return new ReadingSource(
                InfluxQl.identifier(measurement),
                "first(" + InfluxQl.identifier(COUNT) + ")",
                "sum(" + InfluxQl.identifier(SUM) + ") / " + count,
                "min(" + InfluxQl.identifier(MIN) + ")",
                "max(" + InfluxQl.identifier(MAX) + ")",
                count);
    }

    /**
     * A window's mean, min and max as a band, and its readings: {@code band_mean, band_min, band_max,
     * readings}.
     */
    public String bandWithReadings() {
        return band() + ", " + count + " AS " + InfluxQl.identifier(InfluxReader.READINGS);
    }

    public String band() {
        return mean + " AS " + InfluxQl.identifier(InfluxReader.BAND_MEAN) + ", " + min + " AS "
                + InfluxQl.identifier(InfluxReader.BAND_MIN) + ", " + max + " AS "
                + InfluxQl.identifier(InfluxReader.BAND_MAX);
    }
}
