package home.connected.ingest.pipeline;

import home.connected.contracts.Topics;
import java.time.Instant;

/** Payloads in our native JSON format. */
final class NativeJson {

    private NativeJson() {}

    static String topic(String device) {
        return Topics.readings(device);
    }

    /** {@code count} temperature readings of sensor bme280: value {@code first + i + 0.25}, time {@code start + i ms}. */
    static String readings(int first, int count, Instant start) {
        StringBuilder json = new StringBuilder("{\"readings\":[");
        for (int i = first; i < first + count; i++) {
            if (i > first) {
                json.append(',');
            }
            json.append(reading(i + 0.25 + "", start.plusMillis(i)));
        }
        return json.append("]}").toString();
    }

    static String reading(String value, Instant time) {
        return "{\"sensor\":\"bme280\",\"quantity\":\"temperature\",\"value\":" + value + ",\"unit\":\"°C\",\"ts\":\""
                + time + "\"}";
    }
}
