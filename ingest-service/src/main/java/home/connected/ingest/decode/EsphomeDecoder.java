package home.connected.ingest.decode;

import java.time.Instant;

/**
 * ESPHome sensor state on {@code {prefix}/sensor/{object id}/state}: a bare number (ESPHome sends
 * {@code nan} when a sensor has no value, refused as NOT_FINITE). The prefix (the node name) is the
 * device, the object id the sensor; the quantity is the first word of the object id that names one
 * ({@code livingroom_co2} → co2), else the object id itself. The state topic carries no unit, so the
 * unit is empty. Time is the receive time.
 */
final class EsphomeDecoder implements FormatDecoder {

    static final String SOURCE = "esphome";

    @Override
    public void decode(String topic, String payload, Instant receivedAt, ReadingCollector out) {
        String objectId = Topics.levelFromEnd(topic, 1);
        String prefix = topic.substring(0, topic.length() - ("/sensor/" + objectId + "/state").length());
        out.add(new Reading(
                Names.sanitize(prefix),
                objectId,
                Quantities.fromObjectId(objectId),
                Numbers.parseBare(payload),
                "",
                receivedAt,
                "",
                SOURCE));
    }
}
