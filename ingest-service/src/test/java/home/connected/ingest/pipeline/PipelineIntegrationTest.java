package home.connected.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.influxdb.query.InfluxQLQueryResult;
import home.connected.contracts.Topics;
import home.connected.ingest.IngestSpringTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** MQTT → ingest-service → InfluxDB on the dev services, counted back with InfluxQL. */
class PipelineIntegrationTest extends IngestSpringTest {

    private static final Duration QUIET = Duration.ofSeconds(15);

    private static MqttAsyncClient publisher;
    private static StoredReadings stored;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private final String device = "it-" + UUID.randomUUID().toString().substring(0, 12);
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);

    @BeforeAll
    static void connect() throws Exception {
        publisher = TestBroker.devicePublisher();
        stored = new StoredReadings();
    }

    @AfterAll
    static void disconnect() throws Exception {
        TestBroker.close(publisher);
        stored.close();
    }

    @BeforeEach
    void ready() {
        awaitReady(port);
    }

    @Test
    void everyPublishedReadingIsStoredOnceWithItsTagsValueAndTime() throws Exception {
        int messages = 100;
        int perMessage = 20;
        for (int m = 0; m < messages; m++) {
            TestBroker.publish(
                    publisher, NativeJson.topic(device), NativeJson.readings(m * perMessage, perMessage, start));
        }

        assertThat(stored.awaitCount(device, messages * perMessage, QUIET)).isEqualTo(messages * perMessage);
        List<InfluxQLQueryResult.Series.Record> rows =
                stored.rows("SELECT * FROM reading WHERE device = '" + device + "' ORDER BY time LIMIT 2");
        assertThat(rows).hasSize(2);
        InfluxQLQueryResult.Series.Record first = rows.get(0);
        assertThat(first.getValueByKey("time")).isEqualTo(String.valueOf(start.toEpochMilli() * 1_000_000));
        assertThat(first.getValueByKey("value")).isEqualTo("0.25");
        assertThat(first.getValueByKey("sensor")).isEqualTo("bme280");
        assertThat(first.getValueByKey("quantity")).isEqualTo("temperature");
        assertThat(first.getValueByKey("unit")).isEqualTo("°C");
        assertThat(first.getValueByKey("source")).isNotNull();
        assertThat(rows.get(1).getValueByKey("time"))
                .isEqualTo(String.valueOf(start.plusMillis(1).toEpochMilli() * 1_000_000));
        assertThat(rows.get(1).getValueByKey("value")).isEqualTo("1.25");
    }

    @Test
    void aLoneReadingIsStoredWithoutWaitingForMore() throws Exception {
        TestBroker.publish(publisher, NativeJson.topic(device), NativeJson.readings(0, 1, start));

        assertThat(stored.awaitCount(device, 1, QUIET)).isEqualTo(1);
    }

    @Test
    void theSameMessageDeliveredTwiceIsStoredOnce() throws Exception {
        String message = NativeJson.readings(0, 5, start);
        TestBroker.publish(publisher, NativeJson.topic(device), message);
        TestBroker.publish(publisher, NativeJson.topic(device), message);
        // a marker published after both: once it is stored, both copies have been written
        String marker = device + "-marker";
        TestBroker.publish(publisher, NativeJson.topic(marker), NativeJson.readings(0, 1, start));
        stored.awaitCount(marker, 1, QUIET);
        awaitInFlight(0);

        assertThat(stored.count(device)).isEqualTo(5);
    }

    @Test
    void aBadReadingIsCountedAndParkedWhileTheGoodOnesOfTheMessageAreStored() throws Exception {
        double rejectedBefore = rejected("wrong_type", "connected_home");
        BlockingQueue<String> deadLetters = TestBroker.queue();
        MqttAsyncClient watcher = TestBroker.adminWatching(Topics.ALL_DEAD_LETTERS, deadLetters);
        try {
            String mixed = "{\"readings\":[" + NativeJson.reading("1.5", start) + ","
                    + NativeJson.reading("\"hot\"", start.plusMillis(1)) + ","
                    + NativeJson.reading("2.5", start.plusMillis(2)) + "]}";
            TestBroker.publish(publisher, NativeJson.topic(device), mixed);
            TestBroker.publish(publisher, NativeJson.topic(device), NativeJson.readings(10, 3, start));

            assertThat(stored.awaitCount(device, 5, QUIET)).isEqualTo(5);
            String letter = awaitDeadLetterFor(deadLetters, NativeJson.topic(device));
            assertThat(letter)
                    .contains("\"reason\":\"wrong_type\"")
                    .contains("\"count\":1")
                    .contains("\"payloadBase64\":\"");
            assertThat(rejected("wrong_type", "connected_home")).isGreaterThanOrEqualTo(rejectedBefore + 1);
        } finally {
            TestBroker.close(watcher);
        }
    }

    /**
     * InfluxDB keeps one type per field and shard: once a string {@code value} is there (written past
     * ingest, in a week of 2001–2009 no other test uses), it refuses the float readings of that week.
     */
    @Test
    void readingsInfluxDbRefusesAreParkedAsWriteRefusedAndTheMessageIsAcknowledged() throws Exception {
        Instant conflicting = Instant.parse("2001-01-01T00:00:00Z")
                .plus(Duration.ofDays(new Random().nextInt(3000)))
                .plusMillis(UUID.randomUUID().hashCode() & 0xffff);
        stored.writeDirectly(
                "reading,device=" + device + "-conflict value=\"text\" " + conflicting.toEpochMilli() * 1_000_000);
        double refusedBefore = rejected("write_refused");
        BlockingQueue<String> deadLetters = TestBroker.queue();
        MqttAsyncClient watcher = TestBroker.adminWatching(Topics.deadLetter("write_refused"), deadLetters);
        try {
            TestBroker.publish(publisher, NativeJson.topic(device), NativeJson.readings(0, 3, conflicting));
            TestBroker.publish(publisher, NativeJson.topic(device), NativeJson.readings(0, 2, start));

            String letter = awaitDeadLetterFor(deadLetters, NativeJson.topic(device));
            assertThat(letter)
                    .contains("\"reason\":\"write_refused\"")
                    .contains("field type conflict")
                    .contains("\"payloadBase64\":\"");
            assertThat(stored.awaitCount(device, 2, QUIET)).isEqualTo(2);
            assertThat(rejected("write_refused")).isEqualTo(refusedBefore + 3);
            awaitInFlight(0);
            assertThat(meters.get("ingest.in.flight").gauge().value()).isZero();
        } finally {
            TestBroker.close(watcher);
        }
    }

    private double rejected(String reason) {
        return meters.find("ingest.rejected").tag("reason", reason).counters().stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }

    private double rejected(String reason, String format) {
        return meters.find("ingest.rejected").tag("reason", reason).tag("format", format).counters().stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }

    private void awaitInFlight(int expected) {
        await().atMost(QUIET)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> meters.get("ingest.in.flight").gauge().value() <= expected);
    }

    private static String awaitDeadLetterFor(BlockingQueue<String> letters, String topic) {
        return await("a dead letter for " + topic)
                .atMost(QUIET)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .until(
                        () -> letters.poll(500, TimeUnit.MILLISECONDS),
                        letter -> letter != null && letter.contains("\"topic\":\"" + topic + "\""));
    }
}
