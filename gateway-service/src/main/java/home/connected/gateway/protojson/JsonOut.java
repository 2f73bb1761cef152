package home.connected.gateway.protojson;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The JSON being written, as UTF-8 bytes: the answer goes to the HTTP response as it is, without
 * a String in between to encode again.
 */
final class JsonOut {

    private byte[] bytes;
    private int length;

    JsonOut(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    /** @param c an ASCII character */
    JsonOut append(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    JsonOut append(String s) {
        return append(s, 0, s.length());
    }

    /** The characters {@code s[from, to)}, which do not split a surrogate pair. */
    JsonOut append(String s, int from, int to) {
        ensure(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return appendUtf8(s.substring(i, to).getBytes(StandardCharsets.UTF_8));
            }
            bytes[length++] = (byte) c;
        }
        return this;
    }

    JsonOut append(int value) {
        return append((long) value);
    }

    JsonOut append(long value) {
        if (value == Long.MIN_VALUE) {
            return append(Long.toString(value));
        }
        ensure(20);
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int end = length + digitsOf(value);
        for (int i = end - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
        return this;
    }

    JsonOut append(boolean value) {
        return append(value ? "true" : "false");
    }

    JsonOut appendUtf8(byte[] utf8) {
        return appendUtf8(utf8, 0, utf8.length);
    }

    JsonOut appendUtf8(byte[] utf8, int offset, int count) {
        ensure(count);
        System.arraycopy(utf8, offset, bytes, length, count);
        length += count;
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private static int digitsOf(long value) {
        int digits = 1;
        for (long bound = 10; digits < 19 && value >= bound; bound *= 10) {
            digits++;
        }
        return digits;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
