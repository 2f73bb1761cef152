package home.connected.gateway.protojson;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * JSON strings escaped as JsonFormat escapes them (it prints strings with a default Gson, which
 * also escapes the HTML-significant {@code < > & = '} and the line separators U+2028, U+2029).
 */
final class JsonStrings {

    private static final String[] ASCII_ESCAPES = new String[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ASCII_ESCAPES[c] = String.format("\\u%04x", c);
        }
        ASCII_ESCAPES['"'] = "\\\"";
        ASCII_ESCAPES['\\'] = "\\\\";
        ASCII_ESCAPES['\t'] = "\\t";
        ASCII_ESCAPES['\b'] = "\\b";
        ASCII_ESCAPES['\n'] = "\\n";
        ASCII_ESCAPES['\r'] = "\\r";
        ASCII_ESCAPES['\f'] = "\\f";
        ASCII_ESCAPES['<'] = "\\u003c";
        ASCII_ESCAPES['>'] = "\\u003e";
        ASCII_ESCAPES['&'] = "\\u0026";
        ASCII_ESCAPES['='] = "\\u003d";
        ASCII_ESCAPES['\''] = "\\u0027";
    }

    private JsonStrings() {}

    static void appendQuoted(JsonOut out, String value) {
        out.append('"');
        appendEscaped(out, value);
        out.append('"');
    }

    /**
     * The UTF-8 string at {@code bytes[offset, offset + length)}, quoted. Bytes that are not UTF-8
     * are left to JsonFormat: parsing refuses them in proto3, and decodes them its own way otherwise.
     */
    static void appendQuotedUtf8(JsonOut out, byte[] bytes, int offset, int length) {
        out.append('"');
        int end = offset + length;
        int i = offset;
        for (; i < end; i++) {
            byte b = bytes[i];
            if (b < 0) {
                break;
            }
            String escape = ASCII_ESCAPES[b];
            if (escape == null) {
                out.append((char) b);
            } else {
                out.append(escape);
            }
        }
        if (i < end) {
            String rest = new String(bytes, i, end - i, StandardCharsets.UTF_8);
            if (rest.indexOf('\uFFFD') >= 0 && !isUtf8(bytes, i, end - i)) {
                throw new NotPrintedHere("a string that is not UTF-8");
            }
            appendEscaped(out, rest);
        }
        out.append('"');
    }

    private static void appendEscaped(JsonOut out, String value) {
        int length = value.length();
        int copied = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            String escape;
            if (c < 128) {
                escape = ASCII_ESCAPES[c];
                if (escape == null) {
                    continue;
                }
            } else if (c == '\u2028') {
                escape = "\\u2028";
            } else if (c == '\u2029') {
                escape = "\\u2029";
            } else {
                continue;
            }
            out.append(value, copied, i).append(escape);
            copied = i + 1;
        }
        out.append(value, copied, length);
    }

    private static boolean isUtf8(byte[] bytes, int offset, int length) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
