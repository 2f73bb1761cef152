package home.connected.piagent.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads the frames of a segment file one after another, from an offset up to a limit. */
final class FrameReader {

    static final int CHUNK_BYTES = 64 * 1024;

    record Frame(long appendedAtMillis, byte[] payload) {}

    private final FileChannel channel;
    private final long limit;
    private long offset;
    // The file's bytes from `offset` on, as far as read; its content ends at file offset `bufferEnd`.
    private ByteBuffer buffer;
    private long bufferEnd;

    /** Reads in chunks of {@code bufferBytes}; a larger frame gets a buffer of its own size. */
    FrameReader(FileChannel channel, long offset, long limit, int bufferBytes) {
        this.channel = channel;
        this.limit = limit;
        this.offset = offset;
        this.bufferEnd = offset;
        long size = Math.min(bufferBytes, Math.max(0, limit - offset));
        this.buffer = ByteBuffer.allocate((int) Math.max(RecordFormat.FRAME_HEADER_BYTES, size))
                .flip();
    }

    /** Where the next frame starts: after the last one {@link #next} returned. */
    long offset() {
        return offset;
    }

    /** The next frame, or null at the limit. */
    Frame next() throws IOException, CorruptRecordException {
        if (offset >= limit) {
            return null;
        }
        if (!fill(RecordFormat.FRAME_HEADER_BYTES)) {
            throw new CorruptRecordException(offset, "truncated frame header");
        }
        int start = buffer.position();
        int length = buffer.getInt(start);
        int checksum = buffer.getInt(start + 4);
        long appendedAtMillis = buffer.getLong(start + 8);
        if (length < 0 || length > limit - offset - RecordFormat.FRAME_HEADER_BYTES) {
            throw new CorruptRecordException(offset, "record length " + length + " runs past the end");
        }
        if (!fill(RecordFormat.FRAME_HEADER_BYTES + length)) {
            throw new CorruptRecordException(offset, "truncated record");
        }
        start = buffer.position();
        ByteBuffer payload = buffer.slice(start + RecordFormat.FRAME_HEADER_BYTES, length);
        if (RecordFormat.checksum(length, appendedAtMillis, payload) != checksum) {
            throw new CorruptRecordException(offset, "checksum mismatch");
        }
        byte[] bytes = new byte[length];
        payload.get(bytes);
        buffer.position(start + RecordFormat.FRAME_HEADER_BYTES + length);
        offset += RecordFormat.FRAME_HEADER_BYTES + length;
        return new Frame(appendedAtMillis, bytes);
    }

    /** Makes the buffer hold at least {@code needed} bytes from {@link #offset}; false when the file ends first. */
    private boolean fill(int needed) throws IOException {
        if (buffer.remaining() >= needed) {
            return true;
        }
        if (buffer.capacity() < needed) {
            buffer = ByteBuffer.allocate(needed).put(buffer);
        } else {
            buffer.compact();
        }
        while (buffer.position() < needed && bufferEnd < limit) {
            int room = (int) Math.min(buffer.remaining(), limit - bufferEnd);
            int read = channel.read(buffer.slice(buffer.position(), room), bufferEnd);
            if (read <= 0) {
                break;
            }
            buffer.position(buffer.position() + read);
            bufferEnd += read;
        }
        buffer.flip();
        return buffer.remaining() >= needed;
    }
}
