package home.connected.ingest.decode;

import java.time.Instant;

/**
 * Our topic ({@link home.connected.contracts.Topics#readings}) carries three payload shapes,
 * told apart by the first character: an object is our native JSON, an array is SenML, anything
 * else is InfluxDB line protocol. The device id always comes from the topic (the broker's ACL
 * binds it to the publishing client), never from the payload.
 */
final class ConnectedHomeDecoder implements FormatDecoder {

    private final NativeJsonDecoder nativeJson = new NativeJsonDecoder();
    private final SenmlDecoder senml = new SenmlDecoder();
    private final LineProtocolDecoder lineProtocol = new LineProtocolDecoder();

    @Override
    public void decode(String topic, String payload, Instant receivedAt, ReadingCollector out) {
        String deviceId = Topics.levelFromEnd(topic, 1);
        int first = 0;
        while (first < payload.length() && Character.isWhitespace(payload.charAt(first))) {
            first++;
        }
        if (first == payload.length()) {
            throw new Refusal(RejectReason.MALFORMED, "empty payload");
        }
        switch (payload.charAt(first)) {
            case '{' -> nativeJson.decode(deviceId, Json.parse(payload), receivedAt, out);
            case '[' -> senml.decode(deviceId, Json.parse(payload), receivedAt, out);
            default -> lineProtocol.decode(deviceId, payload, receivedAt, out);
        }
    }
}
