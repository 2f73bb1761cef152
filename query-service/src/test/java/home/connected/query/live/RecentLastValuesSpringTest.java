package home.connected.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.Aggregate;
import home.connected.contracts.query.v1.GetLatestRequest;
import home.connected.contracts.query.v1.GetSeriesRequest;
import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.contracts.query.v1.Series;
import home.connected.query.QuerySpringTest;
import home.connected.query.TestReadings;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Against the real InfluxDB and broker: GetLatest (and a series's rooms) reuse InfluxDB's answer while nothing is stored, and a
 * stored announcement (as ingest sends after each write) ends the reuse at once.
 */
@TestPropertySource(properties = "ch.query.limits.catalogue-cache=1h")
class RecentLastValuesSpringTest extends QuerySpringTest {

    private static final String DEVICE = TestReadings.uniqueDevice("recent");
    private static final SensorKey KEY = SensorKey.newBuilder()
            .setDeviceId(DEVICE)
            .setSensor("t")
            .setQuantity("temperature")
            .build();

    @Test
    void reusesTheLastValuesUntilAReadingIsAnnouncedAsStored() throws Exception {
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        write(20.5, first);
        assertThat(latest()).extracting(Reading::getValue).containsExactly(20.5);

        Series series = reader().getSeries(GetSeriesRequest.newBuilder()
                        .addSensors(KEY)
                        .setAggregate(Aggregate.AGGREGATE_RAW)
                        .setStart(Timestamps.fromMillis(first.minusSeconds(60).toEpochMilli()))
                        .setEnd(Timestamps.fromMillis(first.plusSeconds(60).toEpochMilli()))
                        .build())
                .getSeries(0);
        assertThat(series.getRoom()).as("the room from the reused last values").isEqualTo("lab");
        assertThat(series.getPointsList()).hasSize(1);

        write(23.0, first.plusSeconds(30));
        assertThat(latest())
                .as("no reading announced: InfluxDB's earlier answer is reused")
                .extracting(Reading::getValue)
                .containsExactly(20.5);

        announceStored(23.0, first.plusSeconds(30));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(latest()).extracting(Reading::getValue).containsExactly(23.0));
    }

    private List<Reading> latest() {
        return reader().getLatest(GetLatestRequest.newBuilder().addSensors(KEY).build())
                .getReadingsList();
    }

    private static void write(double value, Instant time) {
        try (TestReadings readings = new TestReadings()) {
            readings.add(DEVICE, "t", "temperature", "lab", "°C", value, time).write();
        }
    }

    /** As ingest announces each write: the reading itself, stored. */
    private static void announceStored(double value, Instant time) throws Exception {
        try (DevBrokerPublisher ingestLike = new DevBrokerPublisher()) {
            ingestLike.publish(DEVICE, "t", "temperature", "lab", "°C", value, time.toString());
        }
    }
}
