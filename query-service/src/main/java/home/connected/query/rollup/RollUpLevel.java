package home.connected.query.rollup;

import java.time.Duration;
import java.time.Instant;

/** The roll-ups: each one's window, the measurement it is kept in and the most windows one statement rolls up. */
enum RollUpLevel {
    FIVE_MINUTES(Duration.ofMinutes(5), "5m", Duration.ofDays(7)),
    ONE_HOUR(Duration.ofHours(1), "1h", Duration.ofDays(30));

    private final Duration window;
    private final String suffix;
    private final Duration longestStatement;

    RollUpLevel(Duration window, String suffix, Duration longestStatement) {
        this.window = window;
        this.suffix = suffix;
        this.longestStatement = longestStatement;
    }

    Duration window() {
        return window;
    }

    /** e.g. {@code reading_5m} for the raw measurement {@code reading}. */
    String measurement(String raw) {
        return raw + "_" + suffix;
    }

    String label() {
        return suffix;
    }

    Duration longestStatement() {
        return longestStatement;
    }

    /**
     * Whether a chart of these windows is worth reading from this roll-up: its windows are whole numbers of
     * this level's, and at least {@code windowsPerPoint} of them, so that each point of the chart sums that
     * many roll-up points instead of every reading.
     */
    boolean serves(Duration chartWindow, int windowsPerPoint) {
        long chart = chartWindow.toMillis();
        long own = window.toMillis();
        return chart % own == 0 && chart / own >= windowsPerPoint;
    }

    /** The start of the window {@code time} falls in (windows are aligned to the epoch, as InfluxDB's). */
    Instant floor(Instant time) {
        long size = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), size) * size);
    }

    /** The start of the first window that starts at or after {@code time}. */
    Instant ceil(Instant time) {
        Instant floor = floor(time);
        return floor.equals(time) ? floor : floor.plus(window);
    }
}
