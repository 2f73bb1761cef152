package home.connected.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.ingest.decode.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

@Tag("fast")
class StoredReadingsTest {

    private final StoredAnnouncements stored = new StoredAnnouncements(
            new IngestProperties.Stored(true, "connected-home/v1/stored"),
            JsonMapper.builder().build());

    @Test
    void announcesEveryFieldOfAStoredReadingAsOurJson() {
        Reading reading = new Reading(
                "pi-kitchen",
                "bme280",
                "temperature",
                21.48,
                "°C",
                Instant.parse("2026-11-26T08:15:00.250Z"),
                "kitchen",
                "connected-home");

        String body = new String(stored.body(List.of(reading)), StandardCharsets.UTF_8);

        assertThat(body)
                .isEqualTo(
                        "{\"readings\":[{\"device\":\"pi-kitchen\",\"sensor\":\"bme280\",\"quantity\":\"temperature\","
                                + "\"value\":21.48,\"unit\":\"°C\",\"location\":\"kitchen\",\"source\":\"connected-home\","
                                + "\"ts\":\"2026-11-26T08:15:00.250Z\"}]}");
    }

    @Test
    void nothingIsAnnouncedWhenSwitchedOffOrEmpty() {
        StoredAnnouncements off = new StoredAnnouncements(
                new IngestProperties.Stored(false, "x"), JsonMapper.builder().build());
        Runnable none = off.announcement(null, List.of(new Reading("d", "s", "q", 1, "", Instant.EPOCH, "", "f")));
        none.run();
        stored.announcement(null, List.of()).run();
    }
}
