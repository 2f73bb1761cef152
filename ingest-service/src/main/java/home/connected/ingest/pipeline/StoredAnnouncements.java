package home.connected.ingest.pipeline;

import home.connected.contracts.Topics;
import home.connected.ingest.decode.Reading;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Announces what was just stored, whatever format it came in, as our JSON on
 * {@link Topics#stored}: the live feed query-service streams to dashboards. One
 * announcement per device and written batch, QoS 0 and after the durable write, so it never holds
 * up an acknowledgement.
 *
 * <p>Nobody may be listening (query-service not running): then building and sending them is wasted
 * work at every reading. Once per probe interval one announcement goes out at QoS 1, and while the
 * broker answers "no matching subscribers" (reason 16) the others are skipped, so a subscriber
 * that arrives is served again within that interval.
 */
final class StoredAnnouncements {

    private final IngestProperties.Stored settings;
    private final LongSupplier nanoTime;
    private final AtomicLong lastProbe;
    private volatile boolean listening = true;

    /** @param nanoTime {@code System::nanoTime}, or a test's clock */
    StoredAnnouncements(IngestProperties.Stored settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.lastProbe =
                new AtomicLong(nanoTime.getAsLong() - settings.probeInterval().toNanos());
    }

    /** Announces the readings of a batch that InfluxDB has just taken. */
    void announce(List<PendingMessage> batch) {
        if (!settings.enabled()) {
            return;
        }
        long now = nanoTime.getAsLong();
        long last = lastProbe.get();
        boolean probe = now - last >= settings.probeInterval().toNanos() && lastProbe.compareAndSet(last, now);
        if (!probe && !listening) {
            return;
        }
        Map<String, Announcement> byDevice = new LinkedHashMap<>();
        for (PendingMessage message : batch) {
            List<Reading> readings = message.readings();
            if (readings.isEmpty()) {
                continue;
            }
            // Every reading of one message comes from the device its topic names.
            byDevice.computeIfAbsent(
                            readings.get(0).deviceId(),
                            device -> new Announcement(message.received().outbox()))
                    .add(readings);
        }
        for (Map.Entry<String, Announcement> entry : byDevice.entrySet()) {
            String topic = Topics.stored(entry.getKey());
            Announcement announcement = entry.getValue();
            if (probe) {
                probe = false;
                announcement.outbox.publishProbe(topic, announcement.body(), heard -> listening = heard);
            } else {
                announcement.outbox.publishQuietly(topic, announcement.body());
            }
        }
    }

    /** Our JSON: {@code {"readings":[{"device","sensor","quantity","value","unit","location","source","ts"}]}}. */
    static byte[] body(List<Reading> readings) {
        Announcement announcement = new Announcement(null);
        announcement.add(readings);
        return announcement.body();
    }

    private static final class Announcement {

        private final Outbox outbox;
        private final StringBuilder json = new StringBuilder(256).append("{\"readings\":[");
        private boolean empty = true;

        Announcement(Outbox outbox) {
            this.outbox = outbox;
        }

        void add(List<Reading> readings) {
            for (Reading reading : readings) {
                json.append(empty ? "{" : ",{");
                empty = false;
                field("device", reading.deviceId()).append(',');
                field("sensor", reading.sensor()).append(',');
                field("quantity", reading.quantity()).append(',');
                json.append("\"value\":").append(reading.value()).append(',');
                field("unit", reading.unit()).append(',');
                field("location", reading.location()).append(',');
                field("source", reading.sourceFormat()).append(',');
                field("ts", reading.time().toString()).append('}');
            }
        }

        byte[] body() {
            return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        }

        private StringBuilder field(String name, String value) {
            json.append('"').append(name).append("\":\"");
            for (int i = 0; value != null && i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    json.append('\\').append(c);
                } else if (c < 0x20) {
                    json.append(String.format("\\u%04x", (int) c));
                } else {
                    json.append(c);
                }
            }
            return json.append('"');
        }
    }
}
