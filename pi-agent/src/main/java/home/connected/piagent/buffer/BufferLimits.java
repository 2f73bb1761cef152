package home.connected.piagent.buffer;

import java.time.Duration;

/**
 * How much a {@link ReadingLog} keeps and how often it syncs.
 *
 * @param maxBytes the files' total size; past it the oldest records go, sent or not
 * @param maxAge a segment whose newest record is older goes
 * @param segmentBytes a segment file is closed and a new one started past this size
 * @param syncInterval the longest time a record waits in the page cache before it is forced to the
 *     device; zero forces on every append
 */
public record BufferLimits(long maxBytes, Duration maxAge, long segmentBytes, Duration syncInterval) {

    private static final long MEBIBYTE = 1024 * 1024;

    public BufferLimits {
        if (segmentBytes <= RecordFormat.FILE_HEADER_BYTES) {
            throw new IllegalArgumentException("segmentBytes too small: " + segmentBytes);
        }
        if (maxBytes < segmentBytes) {
            throw new IllegalArgumentException("maxBytes (" + maxBytes + ") below segmentBytes (" + segmentBytes + ")");
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
        }
        if (syncInterval.isNegative()) {
            throw new IllegalArgumentException("syncInterval must not be negative: " + syncInterval);
        }
    }

    /** 64 MiB, 30 days, 1 MiB segments, a sync every second. */
    public static BufferLimits defaults() {
        return new BufferLimits(64 * MEBIBYTE, Duration.ofDays(30), MEBIBYTE, Duration.ofSeconds(1));
    }

    public BufferLimits withMaxBytes(long maxBytes) {
        return new BufferLimits(maxBytes, maxAge, segmentBytes, syncInterval);
    }

    public BufferLimits withMaxAge(Duration maxAge) {
        return new BufferLimits(maxBytes, maxAge, segmentBytes, syncInterval);
    }

    public BufferLimits withSegmentBytes(long segmentBytes) {
        return new BufferLimits(maxBytes, maxAge, segmentBytes, syncInterval);
    }

    public BufferLimits withSyncInterval(Duration syncInterval) {
        return new BufferLimits(maxBytes, maxAge, segmentBytes, syncInterval);
    }
}
