package home.connected.bench;

import java.util.List;

/** Nearest-rank percentiles of durations in nanoseconds, printed in milliseconds. */
final class Percentiles {

    private Percentiles() {}

    /** @param sorted ascending nanoseconds; NaN when empty */
    static double millis(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
