package home.connected.piagent.buffer;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file of the log, named after the sequence number of its first record. Its records are
 * numbered on from there: {@code base}, {@code base + 1}, ... up to {@link #end()}, exclusive.
 * Only the newest segment is written to; the others are read and deleted.
 */
final class Segment {

    private static final Logger log = LoggerFactory.getLogger(Segment.class);
    private static final Pattern NAME = Pattern.compile("(\\d{20})\\.log");

    /** What scanning a file found: the good records, and the damage after them if any. */
    record Scan(Segment segment, CorruptRecordException damage, long offsetOfWanted) {}

    private final Path file;
    private final long base;
    private final ChannelOpener opener;
    private boolean writable;
    private FileChannel channel;
    private long validEnd = RecordFormat.FILE_HEADER_BYTES;
    private long records;
    private long newestMillis;
    private long bytesOnDisk = RecordFormat.FILE_HEADER_BYTES;
    // A failed write could not be cut back: the bytes past validEnd must go before the next append.
    private boolean tailToCut;

    private Segment(Path file, long base, ChannelOpener opener) {
        this.file = file;
        this.base = base;
        this.opener = opener;
    }

    static String fileName(long base) {
        return String.format("%020d.log", base);
    }

    static OptionalLong baseOf(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    /** A new, empty segment to append to; nothing is left behind when this fails. */
    static Segment create(Path directory, long base, ChannelOpener opener) throws IOException {
        Segment segment = new Segment(directory.resolve(fileName(base)), base, opener);
        segment.writable = true;
        try {
            FileChannel channel = segment.channel();
            channel.truncate(0);
            writeFully(channel, RecordFormat.fileHeader(), 0);
        } catch (IOException e) {
            segment.close();
            Files.deleteIfExists(segment.file);
            throw e;
        }
        DirectorySync.sync(directory);
        return segment;
    }

    /**
     * Reads the file through, counting the good records up to {@code maxRecords}; stops at the first
     * bad one. Notes where record {@code wanted} starts if it is in this file (or is the next to come).
     */
    static Scan scan(Path file, long base, long maxRecords, long wanted, ChannelOpener opener) throws IOException {
        Segment segment = new Segment(file, base, opener);
        long offsetOfWanted = -1;
        try (FileChannel channel = opener.open(file, Set.of(READ))) {
            long size = channel.size();
            segment.bytesOnDisk = size;
            ByteBuffer header = ByteBuffer.allocate(RecordFormat.FILE_HEADER_BYTES);
            while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
                // reads the header in as many calls as it takes
            }
            if (!RecordFormat.isFileHeader(header.flip())) {
                String reason = size < RecordFormat.FILE_HEADER_BYTES ? "incomplete file header" : "no segment header";
                return new Scan(segment, new CorruptRecordException(0, reason), -1);
            }
            FrameReader reader =
                    new FrameReader(channel, RecordFormat.FILE_HEADER_BYTES, size, FrameReader.CHUNK_BYTES);
            try {
                while (true) {
                    if (segment.end() == wanted) {
                        offsetOfWanted = reader.offset();
                    }
                    if (segment.records == maxRecords) {
                        break;
                    }
                    FrameReader.Frame frame = reader.next();
                    if (frame == null) {
                        break;
                    }
                    segment.records++;
                    segment.newestMillis = frame.appendedAtMillis();
                    segment.validEnd = reader.offset();
                }
            } catch (CorruptRecordException damage) {
                return new Scan(segment, damage, offsetOfWanted);
            }
            if (segment.validEnd < size) {
                CorruptRecordException damage =
                        new CorruptRecordException(segment.validEnd, "records past the first of the next segment");
                return new Scan(segment, damage, offsetOfWanted);
            }
            return new Scan(segment, null, offsetOfWanted);
        }
    }

    Path file() {
        return file;
    }

    long base() {
        return base;
    }

    /** The sequence number the next record appended here would get. */
    long end() {
        return base + records;
    }

    long records() {
        return records;
    }

    /** When the newest record was appended; meaningless while {@link #records()} is zero. */
    long newestMillis() {
        return newestMillis;
    }

    /** Where the next record would start: past the last good one. */
    long validEnd() {
        return validEnd;
    }

    long bytesOnDisk() {
        return bytesOnDisk;
    }

    boolean contains(long sequence) {
        return sequence >= base && sequence < end();
    }

    /**
     * Makes the scanned newest segment appendable again: cuts off what follows its last good record,
     * or starts it afresh when even its header is bad.
     */
    void reopenForAppend(boolean headerDamaged) throws IOException {
        writable = true;
        FileChannel channel = channel();
        if (headerDamaged) {
            channel.truncate(0);
            writeFully(channel, RecordFormat.fileHeader(), 0);
            validEnd = RecordFormat.FILE_HEADER_BYTES;
            records = 0;
        } else {
            channel.truncate(validEnd);
        }
        bytesOnDisk = validEnd;
    }

    /**
     * Writes {@code frames} after the last good record (and forces them to the device when told). On
     * failure the file is cut back so no part of them is left, and nothing here changes.
     */
    void append(ByteBuffer frames, int count, long appendedAtMillis, boolean force) throws IOException {
        int bytes = frames.remaining();
        FileChannel channel = channel();
        if (tailToCut) {
            channel.truncate(validEnd);
            tailToCut = false;
        }
        try {
            writeFully(channel, frames, validEnd);
            if (force) {
                channel.force(false);
            }
        } catch (IOException e) {
            cutBack(channel, e);
            throw e;
        }
        validEnd += bytes;
        bytesOnDisk = validEnd;
        records += count;
        newestMillis = appendedAtMillis;
    }

    private void cutBack(FileChannel channel, IOException cause) {
        try {
            channel.truncate(validEnd);
        } catch (IOException e) {
            // Readers stop at validEnd meanwhile; a reopen would cut the rest as a torn tail.
            tailToCut = true;
            cause.addSuppressed(e);
        }
    }

    void force() throws IOException {
        if (channel != null && channel.isOpen()) {
            channel.force(false);
        }
    }

    /** No more appends: the channel closes, reads reopen it read-only. */
    void seal() {
        close();
        writable = false;
    }

    /** Forgets the records from {@code offset} on (the {@code goodRecords}-th and after): they are damaged. */
    void cutAt(long offset, long goodRecords) {
        validEnd = offset;
        records = goodRecords;
        if (writable) {
            try {
                channel().truncate(offset);
                bytesOnDisk = offset;
            } catch (IOException e) {
                log.warn("Could not cut {} at offset {}: {}", file, offset, e.toString());
            }
        }
    }

    FrameReader reader(long offset, int bufferBytes) throws IOException {
        return new FrameReader(channel(), offset, validEnd, bufferBytes);
    }

    void delete() {
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.toString());
        }
    }

    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("Could not close {}: {}", file, e.toString());
            }
            channel = null;
        }
    }

    /** Opens the file when needed: also after an interrupt of a reading thread closed the channel. */
    private FileChannel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = writable ? opener.open(file, Set.of(CREATE, READ, WRITE)) : opener.open(file, Set.of(READ));
        }
        return channel;
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }

    @Override
    public String toString() {
        return file.getFileName().toString();
    }
}
