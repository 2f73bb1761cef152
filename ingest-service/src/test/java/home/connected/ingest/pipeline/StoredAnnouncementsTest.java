package home.connected.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.contracts.Topics;
import home.connected.ingest.decode.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class StoredAnnouncementsTest {

    /** Records what would go to the broker; {@code listening} is its answer to probes. */
    private static final class RecordingOutbox implements Outbox {
        final List<String> sent = new ArrayList<>();
        boolean listening;

        @Override
        public void publish(String topic, byte[] payload, Consumer<Boolean> whenDone) {
            throw new AssertionError("announcements are not published at QoS 1 except as probes");
        }

        @Override
        public void publishQuietly(String topic, byte[] payload) {
            sent.add("quiet " + topic + " " + new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void publishProbe(String topic, byte[] payload, Consumer<Boolean> listening) {
            sent.add("probe " + topic + " " + new String(payload, StandardCharsets.UTF_8));
            listening.accept(this.listening);
        }
    }

    private final RecordingOutbox outbox = new RecordingOutbox();
    private final AtomicLong nanoTime = new AtomicLong(1_000_000_000L);

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

        String body = new String(StoredAnnouncements.body(List.of(reading, reading)), StandardCharsets.UTF_8);

        String item = "{\"device\":\"pi-kitchen\",\"sensor\":\"bme280\",\"quantity\":\"temperature\","
                + "\"value\":21.48,\"unit\":\"°C\",\"location\":\"kitchen\",\"source\":\"connected-home\","
                + "\"ts\":\"2026-11-26T08:15:00.250Z\"}";
        assertThat(body).isEqualTo("{\"readings\":[" + item + "," + item + "]}");
    }

    @Test
    void escapesWhatJsonStringsCannotHoldAsIs() {
        Reading odd = new Reading("d", "s\"1", "q\\2", 1e300, "\n", Instant.EPOCH, "", "f");

        String body = new String(StoredAnnouncements.body(List.of(odd)), StandardCharsets.UTF_8);

        assertThat(body)
                .contains(
                        "\"sensor\":\"s\\\"1\"",
                        "\"quantity\":\"q\\\\2\"",
                        "\"unit\":\"\\u000a\"",
                        "\"value\":1.0E300");
    }

    @Test
    void oneAnnouncementPerDeviceAndBatchInArrivalOrder() {
        outbox.listening = true;
        StoredAnnouncements announcements = announcements(Duration.ofHours(1));

        announcements.announce(List.of(message("a", 1), message("b", 2), message("a", 3)));

        assertThat(outbox.sent).hasSize(2);
        assertThat(outbox.sent.get(0))
                .startsWith("probe " + Topics.stored("a") + " ")
                .contains("\"value\":1.0")
                .contains("\"value\":3.0")
                .doesNotContain("\"value\":2.0");
        assertThat(outbox.sent.get(1)).startsWith("quiet " + Topics.stored("b") + " ");
    }

    @Test
    void skipsAnnouncementsWhileTheBrokerHasNoSubscriberAndAsksAgainAfterTheInterval() {
        outbox.listening = false;
        StoredAnnouncements announcements = announcements(Duration.ofMillis(200));

        announcements.announce(List.of(message("a", 1)));
        assertThat(outbox.sent).hasSize(1).allMatch(sent -> sent.startsWith("probe "));

        announcements.announce(List.of(message("a", 2), message("b", 3)));
        assertThat(outbox.sent).hasSize(1);

        nanoTime.addAndGet(Duration.ofMillis(199).toNanos());
        announcements.announce(List.of(message("a", 3)));
        assertThat(outbox.sent).hasSize(1);

        nanoTime.addAndGet(Duration.ofMillis(1).toNanos());
        outbox.listening = true;
        announcements.announce(List.of(message("a", 4), message("b", 5)));
        announcements.announce(List.of(message("a", 6)));
        assertThat(outbox.sent)
                .hasSize(4)
                .satisfies(sent -> assertThat(sent.get(1)).startsWith("probe ").contains("\"value\":4.0"))
                .satisfies(sent -> assertThat(sent.get(2)).startsWith("quiet ").contains("\"value\":5.0"))
                .satisfies(sent -> assertThat(sent.get(3)).startsWith("quiet ").contains("\"value\":6.0"));
    }

    @Test
    void nothingIsAnnouncedWhenSwitchedOff() {
        outbox.listening = true;
        new StoredAnnouncements(new IngestProperties.Stored(false, Duration.ZERO), nanoTime::get)
                .announce(List.of(message("a", 1)));

        assertThat(outbox.sent).isEmpty();
    }

    private StoredAnnouncements announcements(Duration probeInterval) {
        return new StoredAnnouncements(new IngestProperties.Stored(true, probeInterval), nanoTime::get);
    }

    private PendingMessage message(String device, double value) {
        Reading reading = new Reading(device, "s", "q", value, "", Instant.EPOCH, "", "json");
        return new PendingMessage(
                new PendingMessage.Received(outbox, "t", new byte[0], Instant.EPOCH, "none"),
                "",
                List.of(reading),
                0,
                () -> {},
                new AtomicInteger());
    }
}
