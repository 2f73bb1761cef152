package home.connected.piagent.buffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The bytes of a segment file: a header ({@code CHRL} and a version byte), then one frame per
 * record: payload length (int), CRC32 (int) over the length, timestamp and payload, the time the
 * record was appended (epoch millis, long), the payload. Big-endian.
 */
final class RecordFormat {

    static final byte VERSION = 1;
    static final int FILE_HEADER_BYTES = 5;
    static final int FRAME_HEADER_BYTES = 16;

    private static final byte[] MAGIC = "CHRL".getBytes(StandardCharsets.US_ASCII);

    private RecordFormat() {}

    static ByteBuffer fileHeader() {
        return ByteBuffer.allocate(FILE_HEADER_BYTES).put(MAGIC).put(VERSION).flip();
    }

    static boolean isFileHeader(ByteBuffer bytes) {
        if (bytes.remaining() < FILE_HEADER_BYTES) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes.get(bytes.position() + i) != MAGIC[i]) {
                return false;
            }
        }
        return bytes.get(bytes.position() + MAGIC.length) == VERSION;
    }

    static long framedSize(int payloadBytes) {
        return FRAME_HEADER_BYTES + (long) payloadBytes;
    }

    /** The frames of {@code records}, one after another, ready to write. */
    static ByteBuffer frames(List<byte[]> records, long appendedAtMillis) {
        long total = 0;
        for (byte[] record : records) {
            total += framedSize(record.length);
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("records too large for one append: " + total + " bytes");
        }
        ByteBuffer frames = ByteBuffer.allocate((int) total);
        for (byte[] record : records) {
            frames.putInt(record.length)
                    .putInt(checksum(record.length, appendedAtMillis, ByteBuffer.wrap(record)))
                    .putLong(appendedAtMillis)
                    .put(record);
        }
        return frames.flip();
    }

    static int checksum(int length, long appendedAtMillis, ByteBuffer payload) {
        CRC32 crc = new CRC32();
        crc.update(
                ByteBuffer.allocate(12).putInt(length).putLong(appendedAtMillis).flip());
        crc.update(payload.duplicate());
        return (int) crc.getValue();
    }
}
