package home.connected.ingest.pipeline;

import home.connected.ingest.decode.Reading;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Announces what was just stored, whatever format it came in, as our JSON on
 * {@code <prefix>/{deviceId}/readings}: the live feed query-service streams to dashboards.
 * QoS 0 and after the durable write, so it never holds up an acknowledgement.
 */
final class StoredAnnouncements {

    private final IngestProperties.Stored settings;
    private final JsonMapper json;

    StoredAnnouncements(IngestProperties.Stored settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
    }

    /** What to run once a message's readings are written; nothing when announcements are off. */
    Runnable announcement(IngestConnection connection, List<Reading> readings) {
        if (!settings.enabled() || readings.isEmpty()) {
            return () -> {};
        }
        // Every reading of one message comes from the device its topic names.
        String topic = settings.topicPrefix() + "/" + readings.get(0).deviceId() + "/readings";
        return () -> connection.publishQuietly(topic, body(readings));
    }

    byte[] body(List<Reading> readings) {
        List<Map<String, Object>> items = new ArrayList<>(readings.size());
        for (Reading reading : readings) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("device", reading.deviceId());
            item.put("sensor", reading.sensor());
            item.put("quantity", reading.quantity());
            item.put("value", reading.value());
            item.put("unit", reading.unit());
            item.put("location", reading.location());
            item.put("source", reading.sourceFormat());
            item.put("ts", reading.time().toString());
            items.add(item);
        }
        return json.writeValueAsBytes(Map.of("readings", items));
    }
}
