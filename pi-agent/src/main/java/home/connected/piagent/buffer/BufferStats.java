package home.connected.piagent.buffer;

import java.time.Duration;

/**
 * A {@link ReadingLog}'s state now, and what it lost since it was opened.
 *
 * @param pendingRecords records not acknowledged yet
 * @param bytesOnDisk the segment files' total size
 * @param oldestPendingAge how long ago the oldest pending record was appended; zero when none is
 * @param droppedForSize pending records deleted to stay within {@link BufferLimits#maxBytes()}
 * @param droppedForAge pending records deleted for being older than {@link BufferLimits#maxAge()}
 * @param refusedForFullDisk records an append could not write (the device was full or failing)
 * @param corruptRecordsSkipped records lost to corruption: each torn tail counts as one, a corrupt
 *     record in an older segment counts with every record after it in that segment
 */
public record BufferStats(
        long pendingRecords,
        long bytesOnDisk,
        Duration oldestPendingAge,
        long droppedForSize,
        long droppedForAge,
        long refusedForFullDisk,
        long corruptRecordsSkipped) {

    /** Every record lost so far, whatever the reason. */
    public long lost() {
        return droppedForSize + droppedForAge + refusedForFullDisk + corruptRecordsSkipped;
    }
}
