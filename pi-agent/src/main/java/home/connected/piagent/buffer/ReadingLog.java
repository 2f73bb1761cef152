package home.connected.piagent.buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's readings on disk, from the moment they are taken until the broker acknowledged them.
 *
 * <p>Records are appended to segment files in a directory ({@code 00000000000000000042.log}, named
 * after the sequence number of their first record), each framed with its length and a CRC32. A
 * record is written at once with a plain write, and {@link java.nio.channels.FileChannel#force}
 * runs at most every {@link BufferLimits#syncInterval()} (on every append when that is zero): <b>a
 * power cut loses at most the last syncInterval of readings; a process crash loses none</b>, since
 * written records are in the OS page cache.
 *
 * <p>The sender reads from {@link #firstUnacknowledged()} on and {@link #acknowledge}s what the
 * broker took. The acknowledged point is persisted in the file {@code acknowledged} at most once per
 * syncInterval and on {@link #close()}; after a crash the records since the persisted point are sent
 * again. Readings carry their own timestamps, so such duplicates are harmless; nothing is lost.
 * Segments whose records are all acknowledged are deleted.
 *
 * <p>Bounds: when an append would make the files larger than {@link BufferLimits#maxBytes()}, the
 * oldest segments are deleted first, sent or not; a segment whose newest record is older than
 * {@link BufferLimits#maxAge()} is deleted when the next append comes (and on open). Records deleted
 * unsent are counted in {@link #stats()}.
 *
 * <p>Damage never stops the log: a torn last record (a crash mid-write) is cut off on open; a
 * corrupt record in an older segment makes the log skip the rest of that segment. When a write fails
 * (a full disk) {@link #append} returns false, and what it wrote of the records is cut off again.
 *
 * <p>One thread may append while another reads and acknowledges. Opening scans every segment once,
 * at most {@link BufferLimits#maxBytes()} read sequentially.
 */
public final class ReadingLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadingLog.class);
    private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);
    private static final int OLDEST_RECORD_BUFFER_BYTES = 512;

    private final Path directory;
    private final BufferLimits limits;
    private final Clock clock;
    private final ChannelOpener opener;
    private final DirectoryLock directoryLock;
    private final AcknowledgementFile acknowledgementFile;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final OccasionalWarning fullDiskWarning;
    private final OccasionalWarning syncWarning;
    private final OccasionalWarning acknowledgementWarning;
    private final ScheduledExecutorService syncer;

    // Everything below is guarded by `lock`.
    private final List<Segment> segments; // oldest first; the last one is appended to
    private Position acknowledged;
    private long persistedAcknowledgement;
    private Instant acknowledgementPersistedAt;
    private boolean unsynced;
    private Segment lastRead;
    private boolean closed;
    private long droppedForSize;
    private long droppedForAge;
    private long refusedForFullDisk;
    private long corruptRecordsSkipped;

    private ReadingLog(
            Path directory,
            BufferLimits limits,
            Clock clock,
            ChannelOpener opener,
            DirectoryLock directoryLock,
            AcknowledgementFile acknowledgementFile,
            long persistedAcknowledgement,
            Recovery.Recovered recovered) {
        this.directory = directory;
        this.limits = limits;
        this.clock = clock;
        this.opener = opener;
        this.directoryLock = directoryLock;
        this.acknowledgementFile = acknowledgementFile;
        this.fullDiskWarning = new OccasionalWarning(log, clock, WARNING_INTERVAL);
        this.syncWarning = new OccasionalWarning(log, clock, WARNING_INTERVAL);
        this.acknowledgementWarning = new OccasionalWarning(log, clock, WARNING_INTERVAL);
        this.segments = new ArrayList<>(recovered.segments());
        this.acknowledged = recovered.acknowledged();
        this.persistedAcknowledgement = persistedAcknowledgement;
        this.corruptRecordsSkipped = recovered.corruptRecords();
        this.syncer = limits.syncInterval().isZero()
                ? null
                : Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "reading-log-sync");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Opens the log in {@code directory} (created if missing), recovering whatever a crash left. */
    public static ReadingLog open(Path directory, BufferLimits limits, Clock clock) throws IOException {
        return open(directory, limits, clock, ChannelOpener.FILES);
    }

    static ReadingLog open(Path directory, BufferLimits limits, Clock clock, ChannelOpener opener) throws IOException {
        Files.createDirectories(directory);
        DirectoryLock directoryLock = DirectoryLock.acquire(directory);
        try {
            AcknowledgementFile acknowledgementFile = new AcknowledgementFile(directory);
            long acknowledged = acknowledgementFile.read();
            Recovery.Recovered recovered = Recovery.recover(directory, acknowledged, opener);
            ReadingLog readingLog = new ReadingLog(
                    directory, limits, clock, opener, directoryLock, acknowledgementFile, acknowledged, recovered);
            readingLog.start();
            return readingLog;
        } catch (IOException | RuntimeException e) {
            directoryLock.close();
            throw e;
        }
    }

    private void start() {
        lock.lock();
        try {
            deleteAcknowledgedSegments();
            dropExpired(clock.millis());
            while (bytesOnDisk() > limits.maxBytes() && segments.size() > 1) {
                drop(segments.get(0), "the buffer is over its " + limits.maxBytes() + " bytes");
            }
        } finally {
            lock.unlock();
        }
        if (syncer != null) {
            long interval = limits.syncInterval().toNanos();
            syncer.scheduleAtFixedRate(this::syncIfNeeded, interval, interval, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Appends {@code records} (all of them, or none), durable as the sync policy says. Never throws
     * for a full or failing disk: returns false and counts the records as refused.
     *
     * @throws IllegalStateException once the log is closed
     */
    public boolean append(List<byte[]> records) {
        if (records.isEmpty()) {
            return true;
        }
        lock.lock();
        try {
            ensureOpen();
            long now = clock.millis();
            dropExpired(now);
            ByteBuffer frames = RecordFormat.frames(records, now);
            int bytes = frames.remaining();
            if (RecordFormat.FILE_HEADER_BYTES + (long) bytes > limits.maxBytes()) {
                droppedForSize += records.size();
                log.warn(
                        "Dropping {} records of {} bytes: more than the buffer holds ({} bytes)",
                        records.size(),
                        bytes,
                        limits.maxBytes());
                return false;
            }
            try {
                if (active().records() > 0 && active().validEnd() + bytes > limits.segmentBytes()) {
                    roll();
                }
                makeRoom(bytes);
                boolean syncNow = limits.syncInterval().isZero();
                active().append(frames, records.size(), now, syncNow);
                unsynced = !syncNow;
            } catch (IOException e) {
                refusedForFullDisk += records.size();
                fullDiskWarning.warn("Could not write " + records.size() + " readings to " + directory + " (" + e
                        + "); " + refusedForFullDisk + " refused so far");
                return false;
            }
            appended.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Up to {@code maxRecords} records starting at {@code from}, stopping before the one that would
     * take the batch past {@code maxBytes} of payload (a first record larger than that comes alone).
     * Empty, with {@code next} equal to {@code from}, when nothing is there yet. Records deleted
     * meanwhile (bounds, damage) are skipped: the batch starts with the oldest one still there.
     *
     * @throws UncheckedIOException when the device fails to read
     */
    public Batch read(Position from, int maxRecords, int maxBytes) {
        if (maxRecords <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("maxRecords and maxBytes must be positive");
        }
        lock.lock();
        try {
            ensureOpen();
            List<byte[]> records = new ArrayList<>();
            long bytes = 0;
            boolean full = false;
            Position next = from;
            Location location;
            while (!full && (location = locate(next)) != null) {
                Segment segment = location.segment();
                keepOpenForReading(segment);
                long sequence = location.sequence();
                long offset = location.offset();
                FrameReader reader = segment.reader(offset, readBufferBytes(maxBytes));
                try {
                    while (true) {
                        if (records.size() >= maxRecords || bytes >= maxBytes) {
                            full = true;
                            break;
                        }
                        FrameReader.Frame frame = reader.next();
                        if (frame == null) {
                            break;
                        }
                        if (!records.isEmpty() && bytes + frame.payload().length > maxBytes) {
                            full = true;
                            break;
                        }
                        records.add(frame.payload());
                        bytes += frame.payload().length;
                        sequence++;
                        offset = reader.offset();
                    }
                } catch (CorruptRecordException damage) {
                    skipDamaged(segment, sequence, damage);
                }
                next = new Position(sequence, offset);
            }
            return new Batch(records, next);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the reading buffer in " + directory, e);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a record is there to read at {@code from}; false when the timeout passed first or the log closed. */
    public boolean awaitData(Position from, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!closed && locate(from) == null) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = appended.awaitNanos(nanos);
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest record not acknowledged yet (or, when there is none, the next one to come). */
    public Position firstUnacknowledged() {
        lock.lock();
        try {
            Location location = locate(acknowledged);
            return location != null ? location.position() : endPosition();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Everything before {@code upTo} reached the broker: segments holding nothing else are deleted.
     * An earlier point than the last one acknowledged changes nothing.
     */
    public void acknowledge(Position upTo) {
        lock.lock();
        try {
            ensureOpen();
            if (upTo.compareTo(acknowledged) <= 0) {
                return;
            }
            if (upTo.sequence() > active().end()) {
                throw new IllegalArgumentException(
                        "cannot acknowledge " + upTo + ": the log ends at #" + active().end());
            }
            acknowledged = upTo;
            deleteAcknowledgedSegments();
            Instant now = clock.instant();
            if (acknowledgementPersistedAt == null
                    || now.isBefore(acknowledgementPersistedAt)
                    || !now.isBefore(acknowledgementPersistedAt.plus(limits.syncInterval()))) {
                persistAcknowledgement(now);
            }
        } finally {
            lock.unlock();
        }
    }

    public BufferStats stats() {
        lock.lock();
        try {
            long pending = 0;
            long bytes = 0;
            for (Segment segment : segments) {
                pending += pendingIn(segment);
                bytes += segment.bytesOnDisk();
            }
            return new BufferStats(
                    pending,
                    bytes,
                    oldestPendingAge(),
                    droppedForSize,
                    droppedForAge,
                    refusedForFullDisk,
                    corruptRecordsSkipped);
        } finally {
            lock.unlock();
        }
    }

    /** Forces what was written, persists the acknowledged point and closes the files. */
    @Override
    public void close() {
        if (syncer != null) {
            syncer.shutdown();
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            appended.signalAll();
            if (unsynced) {
                try {
                    active().force();
                } catch (IOException e) {
                    log.warn("Could not force the reading buffer in {} to disk: {}", directory, e.toString());
                }
            }
            persistAcknowledgement(clock.instant());
            segments.forEach(Segment::close);
            try {
                directoryLock.close();
            } catch (IOException e) {
                log.warn("Could not release the lock on {}: {}", directory, e.toString());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Where a record is: its segment, its sequence number, its offset in the file. */
    private record Location(Segment segment, long sequence, long offset) {
        Position position() {
            return new Position(sequence, offset);
        }
    }

    /** The first record at or after {@code position} that is still there; null when none is yet. */
    private Location locate(Position position) {
        long sequence = position.sequence();
        int index = segments.size() - 1;
        while (index > 0 && segments.get(index).base() > sequence) {
            index--;
        }
        for (; index < segments.size(); index++) {
            Segment segment = segments.get(index);
            if (sequence <= segment.base()) {
                if (segment.records() > 0) {
                    return new Location(segment, segment.base(), RecordFormat.FILE_HEADER_BYTES);
                }
            } else if (segment.contains(sequence)) {
                return new Location(segment, sequence, position.offset());
            }
        }
        return null;
    }

    private static int readBufferBytes(int maxBytes) {
        return (int) Math.min(FrameReader.CHUNK_BYTES, (long) maxBytes + RecordFormat.FRAME_HEADER_BYTES);
    }

    private Position endPosition() {
        Segment active = active();
        return new Position(active.end(), active.validEnd());
    }

    private Segment active() {
        return segments.get(segments.size() - 1);
    }

    private long bytesOnDisk() {
        long bytes = 0;
        for (Segment segment : segments) {
            bytes += segment.bytesOnDisk();
        }
        return bytes;
    }

    private long pendingIn(Segment segment) {
        return Math.max(0, segment.end() - Math.max(acknowledged.sequence(), segment.base()));
    }

    private Duration oldestPendingAge() {
        Location oldest = closed ? null : locate(acknowledged);
        if (oldest == null) {
            return Duration.ZERO;
        }
        try {
            FrameReader.Frame frame = oldest.segment()
                    .reader(oldest.offset(), OLDEST_RECORD_BUFFER_BYTES)
                    .next();
            if (frame == null) {
                return Duration.ZERO;
            }
            long age = clock.millis() - frame.appendedAtMillis();
            return Duration.ofMillis(Math.max(0, age));
        } catch (IOException | CorruptRecordException e) {
            // A read reports the damage; the age is only for display.
            return Duration.ZERO;
        }
    }

    /** Starts a new segment after the current one, which is forced and sealed. Changes nothing on failure. */
    private void roll() throws IOException {
        Segment previous = active();
        if (previous.records() == 0) {
            throw new IllegalStateException("an empty segment is never rolled: the next would take its name");
        }
        Segment next = Segment.create(directory, previous.end(), opener);
        if (unsynced) {
            try {
                previous.force();
            } catch (IOException e) {
                syncWarning.warn("Could not force " + previous.file() + " to disk: " + e);
            }
            unsynced = false;
        }
        previous.seal();
        segments.add(next);
        deleteAcknowledgedSegments();
    }

    /** Deletes the oldest segments until {@code bytes} more fit within the size bound. */
    private void makeRoom(long bytes) throws IOException {
        while (bytesOnDisk() + bytes > limits.maxBytes()) {
            if (segments.size() > 1) {
                drop(segments.get(0), "the buffer is full (" + limits.maxBytes() + " bytes)");
            } else if (active().records() > 0) {
                roll();
            } else {
                return;
            }
        }
    }

    private void dropExpired(long nowMillis) {
        long cutoff = nowMillis - limits.maxAge().toMillis();
        for (Segment segment : List.copyOf(segments)) {
            if (segment.records() == 0 || segment.newestMillis() >= cutoff) {
                continue;
            }
            if (segment == active()) {
                try {
                    roll();
                } catch (IOException e) {
                    fullDiskWarning.warn("Could not start a new segment in " + directory + ": " + e);
                    continue;
                }
            }
            if (segments.contains(segment)) {
                long pending = pendingIn(segment);
                droppedForAge += pending;
                dropQuietly(segment, pending, "its readings are older than " + limits.maxAge());
            }
        }
    }

    private void drop(Segment segment, String why) {
        long pending = pendingIn(segment);
        droppedForSize += pending;
        dropQuietly(segment, pending, why);
    }

    private void dropQuietly(Segment segment, long pending, String why) {
        if (pending > 0) {
            log.warn("Deleting {} with {} readings not sent yet: {}", segment.file(), pending, why);
        }
        remove(segment);
    }

    private void deleteAcknowledgedSegments() {
        while (segments.size() > 1 && segments.get(0).end() <= acknowledged.sequence()) {
            remove(segments.get(0));
        }
    }

    private void remove(Segment segment) {
        segments.remove(segment);
        if (lastRead == segment) {
            lastRead = null;
        }
        segment.delete();
    }

    private void skipDamaged(Segment segment, long sequence, CorruptRecordException damage) {
        long lost = segment.end() - sequence;
        corruptRecordsSkipped += lost;
        log.warn(
                "Corrupt record in {} at offset {} ({}): skipping the rest of that segment, {} records",
                segment.file(),
                damage.offset(),
                damage.getMessage(),
                lost);
        segment.cutAt(damage.offset(), sequence - segment.base());
    }

    /** Keeps at most one older segment's file open for reading besides the one appended to. */
    private void keepOpenForReading(Segment segment) {
        if (lastRead != null && lastRead != segment && lastRead != active()) {
            lastRead.close();
        }
        lastRead = segment;
    }

    private void persistAcknowledgement(Instant now) {
        long sequence = acknowledged.sequence();
        if (sequence == persistedAcknowledgement) {
            return;
        }
        try {
            acknowledgementFile.write(sequence);
            persistedAcknowledgement = sequence;
            acknowledgementPersistedAt = now;
        } catch (IOException e) {
            acknowledgementWarning.warn("Could not persist the acknowledged point in " + directory + ": " + e);
        }
    }

    private void syncIfNeeded() {
        lock.lock();
        try {
            if (closed || !unsynced) {
                return;
            }
            active().force();
            unsynced = false;
        } catch (IOException | RuntimeException e) {
            syncWarning.warn("Could not force the reading buffer in " + directory + " to disk: " + e);
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the reading log in " + directory + " is closed");
        }
    }
}
