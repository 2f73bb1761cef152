package home.connected.alert.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import home.connected.contracts.alert.v1.Comparison;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.RuleBacktest;
import home.connected.contracts.alert.v1.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ReplayTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00.250Z");
    private static final Instant END = START.plus(Duration.ofHours(2));
    private static final Rule RULE = Rule.newBuilder()
            .setId("r")
            .setThreshold(Threshold.newBuilder()
                    .setComparison(Comparison.COMPARISON_ABOVE)
                    .setValue(30)
                    .setForDuration(Durations.fromSeconds(90)))
            .build();

    @Test
    void theWindowsTheReadingsComeInDoNotChangeWhatHappens() {
        List<StoredReading> all = new ArrayList<>();
        for (int i = 0; i < 7200; i += 20) {
            double value = (i / 600) % 2 == 0 ? 20 : 35;
            all.add(reading("a", value, START.plusSeconds(i)));
            all.add(reading("b", value + 1, START.plusSeconds(i + 7)));
        }

        Replay once = new Replay(RULE, START, END, Duration.ofSeconds(1));
        once.readings(all);
        Replay split = new Replay(RULE, START, END, Duration.ofSeconds(1));
        for (int from = 0; from < all.size(); from += 50) {
            // Each window's series in time order, series after series, as InfluxDB answers.
            List<StoredReading> window = new ArrayList<>(all.subList(from, Math.min(all.size(), from + 50)));
            window.sort(java.util.Comparator.comparing(StoredReading::sensor));
            split.readings(window);
        }

        RuleBacktest result = once.result();
        assertThat(result.getFirings()).isEqualTo(12);
        assertThat(result.getSeries()).isEqualTo(2);
        assertThat(split.result()).isEqualTo(result);
    }

    @Test
    void ticksFallOnWholeSecondsAndAPendingForFiresOnOne() {
        Replay replay = new Replay(RULE, START, END, Duration.ofSeconds(1));
        replay.readings(List.of(reading("a", 35, START.plusMillis(100))));

        RuleBacktest result = replay.result();

        assertThat(result.getEpisodes(0).getFiredAt().getSeconds())
                .isEqualTo(START.plusMillis(100).plusSeconds(90).getEpochSecond() + 1);
        assertThat(result.getEpisodes(0).getFiredAt().getNanos()).isZero();
        assertThat(result.getEpisodes(0).hasResolvedAt()).isFalse();
    }

    private static StoredReading reading(String sensor, double value, Instant ts) {
        return new StoredReading("d", sensor, "temperature", "kitchen", "°C", value, ts);
    }
}
