package home.connected.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.SensorKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StoredReadingsJsonTest {

    private final StoredReadingsJson json =
            new StoredReadingsJson(JsonMapper.builder().build());

    @Test
    void readsIngestsStoredReadingsMessage() {
        assertThat(parse("{\"readings\":[{\"device\":\"pi-1\",\"sensor\":\"bme280\",\"quantity\":\"temperature\","
                        + "\"value\":21.5,\"unit\":\"°C\",\"location\":\"kitchen\",\"source\":\"native\","
                        + "\"ts\":\"2026-11-26T08:15:00.250Z\"},{\"device\":\"pi-1\",\"sensor\":\"door\","
                        + "\"quantity\":\"open\",\"value\":1,\"source\":\"native\",\"ts\":\"2026-11-26T08:15:01Z\"}]}"))
                .containsExactly(
                        Reading.newBuilder()
                                .setKey(key("bme280", "temperature"))
                                .setLocation("kitchen")
                                .setUnit("°C")
                                .setValue(21.5)
                                .setTime(Timestamps.parseUnchecked("2026-11-26T08:15:00.250Z"))
                                .build(),
                        Reading.newBuilder()
                                .setKey(key("door", "open"))
                                .setValue(1.0)
                                .setTime(Timestamps.parseUnchecked("2026-11-26T08:15:01Z"))
                                .build());
    }

    @Test
    void skipsWhatIsNotAStoredReading() {
        assertThat(parse("not json")).isEmpty();
        assertThat(parse("[1,2]")).isEmpty();
        assertThat(parse("{\"readings\":{\"device\":\"pi-1\"}}")).isEmpty();
        assertThat(parse("{\"readings\":[{\"device\":\"pi-1\",\"sensor\":\"s\",\"quantity\":\"q\",\"value\":\"21\","
                        + "\"ts\":\"2026-11-26T08:15:00Z\"},{\"device\":\"pi-1\",\"sensor\":\"s\",\"quantity\":\"q\","
                        + "\"value\":21,\"ts\":\"yesterday\"},{\"sensor\":\"s\",\"quantity\":\"q\",\"value\":21,"
                        + "\"ts\":\"2026-11-26T08:15:00Z\"}]}"))
                .isEmpty();
    }

    private java.util.List<Reading> parse(String text) {
        return json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static SensorKey key(String sensor, String quantity) {
        return SensorKey.newBuilder()
                .setDeviceId("pi-1")
                .setSensor(sensor)
                .setQuantity(quantity)
                .build();
    }
}
