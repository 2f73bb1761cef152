package home.connected.piagent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ReadingJsonTest {

    private static final Instant TIME = Instant.parse("2026-11-26T08:15:00.250Z");

    @Test
    void writesOurJsonWithTheDevicesOwnTimestamp() {
        byte[] first = ReadingJson.object(new Reading("bme280", "temperature", 21.48, "°C", null, TIME));
        byte[] second =
                ReadingJson.object(new Reading("freezer", "temperature", -18.5, "°C", "Kitchen \"cold\"", TIME));

        assertThat(new String(ReadingJson.message(List.of(first, second)), StandardCharsets.UTF_8))
                .isEqualTo("{\"readings\":["
                        + "{\"sensor\":\"bme280\",\"quantity\":\"temperature\",\"value\":21.48,\"unit\":\"°C\","
                        + "\"ts\":\"2026-11-26T08:15:00.250Z\"},"
                        + "{\"sensor\":\"freezer\",\"quantity\":\"temperature\",\"value\":-18.5,\"unit\":\"°C\","
                        + "\"location\":\"Kitchen \\\"cold\\\"\",\"ts\":\"2026-11-26T08:15:00.250Z\"}]}");
    }

    @Test
    void aMessageOfOneReading() {
        byte[] only = ReadingJson.object(new Reading("cpu", "temperature", 48.0, "", null, TIME));

        assertThat(new String(ReadingJson.message(List.of(only)), StandardCharsets.UTF_8))
                .startsWith("{\"readings\":[{\"sensor\":\"cpu\"")
                .endsWith("\"}]}");
    }
}
