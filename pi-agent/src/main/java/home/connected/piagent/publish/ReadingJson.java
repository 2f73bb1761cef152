package home.connected.piagent.publish;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Our JSON, written by hand: one reading is one object (what the buffer keeps per record), and a
 * message is {@code {"readings":[...]}} around the objects of a batch, copied as they are.
 */
public final class ReadingJson {

    private static final byte[] OPEN = "{\"readings\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.UTF_8);

    private ReadingJson() {}

    public static byte[] object(Reading reading) {
        StringBuilder json = new StringBuilder(160).append('{');
        field(json, "sensor", reading.sensor()).append(',');
        field(json, "quantity", reading.quantity()).append(',');
        json.append("\"value\":").append(reading.value()).append(',');
        field(json, "unit", reading.unit() == null ? "" : reading.unit()).append(',');
        if (reading.location() != null) {
            field(json, "location", reading.location()).append(',');
        }
        field(json, "ts", reading.time().toString());
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] message(List<byte[]> objects) {
        int length = OPEN.length + CLOSE.length + Math.max(0, objects.size() - 1);
        for (byte[] object : objects) {
            length += object.length;
        }
        byte[] message = new byte[length];
        System.arraycopy(OPEN, 0, message, 0, OPEN.length);
        int at = OPEN.length;
        for (int i = 0; i < objects.size(); i++) {
            if (i > 0) {
                message[at++] = ',';
            }
            byte[] object = objects.get(i);
            System.arraycopy(object, 0, message, at, object.length);
            at += object.length;
        }
        System.arraycopy(CLOSE, 0, message, at, CLOSE.length);
        return message;
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
