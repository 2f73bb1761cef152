package home.connected.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("fast")
class TimestampsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-26T20:23:53Z",
                "2026-11-26T20:23:53.1Z",
                "2026-11-26T20:23:53.123456Z",
                "2026-11-26T20:23:53.123456789Z",
                "2024-02-29T00:00:00Z",
                "1999-12-31T23:59:59.999+01:00",
                "2026-11-26T20:23:53-05:30",
                "2026-11-26T20:23:53+18:00",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z",
            })
    void readsTheCommonShapeAsInstantParseDoes(String text) {
        assertThat(Timestamps.parseCommonIso(text)).isNotNull().isEqualTo(Instant.parse(text));
        assertThat(Timestamps.parseIso(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-26T20:23:53",
                "2026-11-26T20:23:53.Z",
                "2026-11-26T20:23:53.1234567890Z",
                "2026-11-26T24:00:00Z",
                "2026-11-26T20:60:00Z",
                "2026-11-26T20:23:60Z",
                "2026-13-01T00:00:00Z",
                "2026-00-01T00:00:00Z",
                "2026-04-31T00:00:00Z",
                "2025-02-29T00:00:00Z",
                "2026-11-26T20:23:53+18:01",
                "2026-11-26T20:23:53+0100",
                "2026-11-26T20:23:53z",
                "2026-11-26 20:23:53Z",
                "+2026-11-26T20:23:53Z",
                "2026-1-26T20:23:53Z",
                "2026-11-26T20:23:53ZZ",
                "２０２６-11-26T20:23:53Z",
            })
    void leavesEverythingElseToInstantParse(String text) {
        assertThat(Timestamps.parseCommonIso(text)).isNull();
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        assertThatThrownBy(() -> Timestamps.parseIso("2026-04-31T00:00:00Z"))
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("unreadable timestamp");
    }

    /** Random mutations of valid timestamps: whatever the fast path accepts, Instant.parse reads the same. */
    @Test
    void agreesWithInstantParseOnMutatedText() {
        Random random = new Random(20261126);
        String alphabet = "0123456789-+:.TZz ";
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            long seconds = random.nextLong(-2_000_000_000L, 100_000_000_000L);
            StringBuilder text = new StringBuilder(Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000))
                    .toString());
            for (int m = random.nextInt(3); m > 0; m--) {
                text.setCharAt(random.nextInt(text.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Instant fast = Timestamps.parseCommonIso(text.toString());
            if (fast == null) {
                continue;
            }
            accepted++;
            try {
                assertThat(fast).as(text.toString()).isEqualTo(Instant.parse(text));
            } catch (DateTimeParseException e) {
                throw new AssertionError("accepted " + text + ", which Instant.parse refuses", e);
            }
        }
        assertThat(accepted).isGreaterThan(10_000);
    }
}
