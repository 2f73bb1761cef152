package home.connected.query.influx;

import static home.connected.query.influx.InfluxQl.equalsCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import home.connected.query.QuerySpringTest;
import home.connected.query.TestReadings;
import home.connected.query.influx.TaggedSeries.TimedValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** InfluxReader against the real InfluxDB: what each statement of one request gets back. */
class InfluxReaderTest extends QuerySpringTest {

    private static final String DEVICE = TestReadings.uniqueDevice("reader");
    private static final String ODD_SENSOR = "a,b=c d \"q\" 'x' \\ ünï 温度 🌡";
    private static final String ODD_LOCATION = "hall, upstairs=left \"2\"";
    private static final Instant B = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);

    @Autowired
    private InfluxReader reader;

    @BeforeAll
    static void writeReadings() {
        try (TestReadings readings = new TestReadings()) {
            readings.add(DEVICE, "t", "temperature", "lab", "°C", 10.0, minute(0))
                    .add(DEVICE, "t", "temperature", "lab", "°C", 12.5, minute(4))
                    .add(DEVICE, "t", "temperature", "lab", "°C", -3.25, minute(12))
                    .add(DEVICE, "h", "humidity", "lab", "%", 40.0, minute(1))
                    .add(DEVICE, ODD_SENSOR, "temperature", ODD_LOCATION, "°C", 1e-3, minute(2))
                    .write();
        }
    }

    @Test
    void givesEachStatementOfOneRequestItsOwnSeries() {
        List<List<TaggedSeries>> each = reader.selectEach(List.of(
                raw("t"),
                "SELECT last(value) FROM " + reader.measurement() + " WHERE " + device() + " AND time > "
                        + InfluxQl.time(B.minusSeconds(3600)) + " GROUP BY \"sensor\"",
                raw("nothing-here"),
                raw("h")));

        assertThat(each).hasSize(4);
        assertThat(each.get(0)).singleElement().satisfies(series -> {
            assertThat(series.tag(ReadingTags.SENSOR)).isEqualTo("t");
            assertThat(series.points()).containsExactly(point(0, 10.0), point(4, 12.5), point(12, -3.25));
        });
        assertThat(each.get(1))
                .extracting(series -> series.tag(ReadingTags.SENSOR))
                .containsExactlyInAnyOrder("t", "h", ODD_SENSOR);
        assertThat(each.get(1))
                .filteredOn(series -> series.tag(ReadingTags.SENSOR).equals("t"))
                .singleElement()
                .satisfies(series -> assertThat(series.points()).containsExactly(point(12, -3.25)));
        assertThat(each.get(2)).isEmpty();
        assertThat(each.get(3))
                .singleElement()
                .satisfies(series -> assertThat(series.points()).containsExactly(point(1, 40.0)));
    }

    @Test
    void keepsTagValuesIntact() {
        List<TaggedSeries> found = reader.select("SELECT value FROM " + reader.measurement() + " WHERE " + device()
                + " AND " + equalsCondition(ReadingTags.SENSOR, ODD_SENSOR)
                + " AND time > " + InfluxQl.time(B.minusSeconds(60))
                + " GROUP BY \"device\", \"sensor\", \"location\", \"unit\", \"absent\"");

        assertThat(found).singleElement().satisfies(series -> {
            assertThat(series.tags())
                    .containsEntry(ReadingTags.DEVICE, DEVICE)
                    .containsEntry(ReadingTags.SENSOR, ODD_SENSOR)
                    .containsEntry(ReadingTags.LOCATION, ODD_LOCATION)
                    .containsEntry(ReadingTags.UNIT, "°C");
            assertThat(series.tag("absent")).isEmpty();
            assertThat(series.points()).containsExactly(point(2, 1e-3));
        });
    }

    @Test
    void readsBandsWithTheirReadings() {
        List<TaggedSeries> found = reader.select("SELECT mean(value) AS band_mean, min(value) AS band_min,"
                + " max(value) AS band_max, count(value) AS readings FROM " + reader.measurement() + " WHERE "
                + device() + " AND \"sensor\" = 't' AND time >= " + InfluxQl.time(B) + " AND time < "
                + InfluxQl.time(B.plusSeconds(3600)) + " GROUP BY time(10m) fill(none)");

        assertThat(found)
                .singleElement()
                .satisfies(series -> assertThat(series.points())
                        .containsExactly(
                                new TimedValue(nanos(0), 11.25, 10.0, 12.5, 2),
                                new TimedValue(nanos(10), -3.25, -3.25, -3.25, 1)));
    }

    @Test
    void readsACountBesideAValue() {
        List<TaggedSeries> found = reader.select("SELECT max(value), count(value) AS readings FROM "
                + reader.measurement() + " WHERE " + device() + " AND \"sensor\" = 't' AND time >= "
                + InfluxQl.time(B) + " AND time < " + InfluxQl.time(B.plusSeconds(3600))
                + " GROUP BY time(10m) fill(none)");

        assertThat(found)
                .singleElement()
                .satisfies(series -> assertThat(series.points())
                        .containsExactly(
                                new TimedValue(nanos(0), 12.5, 0, 0, 2), new TimedValue(nanos(10), -3.25, 0, 0, 1)));
    }

    @Test
    void givesAStatementInfluxDbRefusesNoSeries() {
        List<List<TaggedSeries>> each = reader.selectEach(
                List.of(raw("t"), "SELECT mean(value), value FROM " + reader.measurement() + " WHERE " + device()));

        assertThat(each).hasSize(2);
        assertThat(each.get(1)).isEmpty();
    }

    @Test
    void givesTheStatementsOfRequestsSentAtOnceTheirSeriesInOrder() {
        List<List<TaggedSeries>> each = reader.selectEachAtOnce(
                List.of(List.of(raw("h")), List.of(raw("nothing-here")), List.of(raw("t"), raw("h"))));

        assertThat(each)
                .extracting(found -> found.stream()
                        .map(series -> series.tag(ReadingTags.SENSOR))
                        .toList())
                .containsExactly(List.of("h"), List.of(), List.of("t"), List.of("h"));
        assertThat(each.get(2))
                .singleElement()
                .satisfies(series ->
                        assertThat(series.points()).containsExactly(point(0, 10.0), point(4, 12.5), point(12, -3.25)));
    }

    @Test
    void failsAsUnavailableWhenOneOfTheRequestsSentAtOnceFails() {
        assertThatThrownBy(
                        () -> reader.selectEachAtOnce(List.of(List.of(raw("t")), List.of("SELEC value FROM nowhere"))))
                .isInstanceOf(InfluxUnavailableException.class)
                .hasMessageStartingWith("InfluxDB query failed");
    }

    @Test
    void failsAsUnavailableOnAStatementInfluxDbCannotParse() {
        assertThatThrownBy(() -> reader.selectEach(List.of(raw("t"), "SELEC value FROM nowhere")))
                .isInstanceOf(InfluxUnavailableException.class)
                .hasMessageStartingWith("InfluxDB query failed");
    }

    private String raw(String sensor) {
        return "SELECT value FROM " + reader.measurement() + " WHERE " + device() + " AND "
                + equalsCondition(ReadingTags.SENSOR, sensor) + " AND time >= " + InfluxQl.time(B) + " AND time < "
                + InfluxQl.time(B.plusSeconds(3600)) + " GROUP BY \"sensor\"";
    }

    private static String device() {
        return equalsCondition(ReadingTags.DEVICE, DEVICE);
    }

    private static TimedValue point(int minute, double value) {
        return new TimedValue(nanos(minute), value);
    }

    private static long nanos(int minute) {
        Instant at = minute(minute);
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    private static Instant minute(int minute) {
        return B.plusSeconds(60L * minute);
    }
}
