package home.connected.contracts;

/**
 * The MQTT topics the services share, the one place their strings are written. Payloads are
 * described in docs/api.md ("MQTT").
 *
 * <ul>
 *   <li>{@code connected-home/v1/devices/{deviceId}/readings}: a device's readings (our JSON, QoS 1)
 *   <li>{@code connected-home/v1/devices/{deviceId}/status}: {@code online}/{@code offline}, retained
 *   <li>{@code connected-home/v1/stored/{deviceId}/readings}: what ingest has just stored, for the live stream
 *   <li>{@code connected-home/v1/dead-letter/{reason}}: what ingest refused, and why
 *   <li>{@code connected-home/v1/places}: every device's display name and room (auth-service), retained
 * </ul>
 */
public final class Topics {

    public static final String ROOT = "connected-home/v1";

    private static final String DEVICES = ROOT + "/devices/";
    private static final String STORED = ROOT + "/stored/";
    private static final String DEAD_LETTER = ROOT + "/dead-letter/";

    /** Every device's readings. */
    public static final String ALL_READINGS = DEVICES + "+/readings";
    /** Every device's status. */
    public static final String ALL_STATUSES = DEVICES + "+/status";
    /** Everything devices publish. */
    public static final String ALL_DEVICES = DEVICES + "#";
    /** Every device's stored-readings announcements. */
    public static final String ALL_STORED = STORED + "+/readings";
    /** Everything under the stored-readings announcements (for ACLs). */
    public static final String STORED_TREE = STORED + "#";
    /** Every dead letter. */
    public static final String ALL_DEAD_LETTERS = DEAD_LETTER + "#";
    /** The whole current mapping of devices to display names and rooms, retained, published by auth-service. */
    public static final String PLACES = ROOT + "/places";

    private Topics() {}

    public static String readings(String deviceId) {
        return deviceTopicPrefix(deviceId) + "readings";
    }

    public static String status(String deviceId) {
        return deviceTopicPrefix(deviceId) + "status";
    }

    /** What a device may publish under: {@code connected-home/v1/devices/{deviceId}/}. */
    public static String deviceTopicPrefix(String deviceId) {
        return DEVICES + deviceId + "/";
    }

    /** Everything one device publishes: {@code connected-home/v1/devices/{deviceId}/#}. */
    public static String deviceTree(String deviceId) {
        return deviceTopicPrefix(deviceId) + "#";
    }

    /** The device a topic under {@code connected-home/v1/devices/} belongs to, or null for any other topic. */
    public static String deviceIdOf(String topic) {
        if (!topic.startsWith(DEVICES)) {
            return null;
        }
        int end = topic.indexOf('/', DEVICES.length());
        return end < 0 ? null : topic.substring(DEVICES.length(), end);
    }

    public static String stored(String deviceId) {
        return STORED + deviceId + "/readings";
    }

    public static String deadLetter(String reason) {
        return DEAD_LETTER + reason;
    }
}
