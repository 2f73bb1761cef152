package home.connected.piagent.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class BufferSizingTest {

    @Test
    void theDefaultsHoldAWeekOfTenSensorsReadingOnceAMinuteFourTimesOver() {
        BufferLimits limits = BufferLimits.defaults();
        long readings = 7 * 24 * 60 * 10;
        long recordBytes = RecordFormat.framedSize(120);
        long segments = (readings * recordBytes) / (limits.segmentBytes() - RecordFormat.FILE_HEADER_BYTES) + 1;

        long bytes = readings * recordBytes + segments * RecordFormat.FILE_HEADER_BYTES;

        assertThat(readings).isEqualTo(100_800);
        assertThat(4 * bytes).isLessThan(limits.maxBytes());
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(BufferLimits.defaults())
                .isEqualTo(new BufferLimits(64L << 20, Duration.ofDays(30), 1L << 20, Duration.ofSeconds(1)));
    }

    @Test
    void rejectsLimitsThatCannotWork() {
        BufferLimits defaults = BufferLimits.defaults();
        assertThatThrownBy(() -> defaults.withSegmentBytes(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withMaxBytes(defaults.segmentBytes() - 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withMaxAge(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withSyncInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void positionsCompareAndEqualBySequence() {
        assertThat(new Position(3, 100)).isEqualTo(new Position(3, 5)).hasSameHashCodeAs(new Position(3, 5));
        assertThat(new Position(3, 100)).isLessThan(new Position(4, 5));
        assertThat(new Position(42, 0)).hasToString("#42");
    }
}
