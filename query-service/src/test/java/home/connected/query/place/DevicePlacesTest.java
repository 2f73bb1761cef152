package home.connected.query.place;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import home.connected.contracts.Topics;
import home.connected.contracts.query.v1.Aggregate;
import home.connected.contracts.query.v1.GetLatestRequest;
import home.connected.contracts.query.v1.GetSeriesRequest;
import home.connected.contracts.query.v1.ListSensorsRequest;
import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.ReadingFilter;
import home.connected.contracts.query.v1.Sensor;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.contracts.query.v1.Series;
import home.connected.mqtt.MqttConnection;
import home.connected.query.QuerySpringTest;
import home.connected.query.TestReadings;
import home.connected.testing.ThrowawayMosquitto;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The mapping auth-service publishes, applied by query-service without a restart. These tests
 * publish places themselves, so they run against a broker of their own: a mapping sent on the dev
 * broker would replace the one of every query-service using it.
 */
class DevicePlacesTest extends QuerySpringTest {

    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(10);
    private static final ThrowawayMosquitto BROKER = ThrowawayMosquitto.started();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String FRIDGE = TestReadings.uniqueDevice("fridge");
    private static final String GARAGE = TestReadings.uniqueDevice("garage");
    private static final String UNPLACED = TestReadings.uniqueDevice("unplaced");

    private static MqttConnection publisher;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(BROKER::close));
    }

    @DynamicPropertySource
    static void privateBroker(DynamicPropertyRegistry registry) {
        registry.add("ch.query.mqtt.url", BROKER::url);
        registry.add("ch.query.mqtt.username", () -> "");
        registry.add("ch.query.mqtt.password", () -> "");
    }

    @BeforeAll
    static void writeReadingsAndConnect() {
        try (TestReadings readings = new TestReadings()) {
            readings.add(FRIDGE, "t", "temperature", "lab", "°C", 4.0, NOW.minus(20, ChronoUnit.MINUTES))
                    .add(FRIDGE, "t", "temperature", "lab", "°C", 5.0, NOW.minus(10, ChronoUnit.MINUTES))
                    .add(GARAGE, "t", "temperature", "garage", "°C", 8.0, NOW.minus(10, ChronoUnit.MINUTES))
                    .add(UNPLACED, "t", "temperature", room("workshop"), "°C", 9.0, NOW.minus(10, ChronoUnit.MINUTES))
                    .write();
        }
        publisher = MqttConnection.builder("places-test", BROKER.url(), "places-test-" + SUFFIX)
                .build()
                .start();
        assertThat(publisher.awaitConnected(WITHIN_SECONDS)).isTrue();
    }

    @AfterAll
    static void disconnect() {
        publisher.close();
    }

    @Test
    void aPlaceShowsInCatalogueLatestAndSeriesAndMovingTheDeviceRewritesNoHistory() {
        publishPlaces(Map.of(FRIDGE, new String[] {"Fridge", room("Kitchen")}));

        await().atMost(WITHIN_SECONDS)
                .untilAsserted(() -> assertThat(sensorOf(FRIDGE))
                        .extracting(Sensor::getRoom, Sensor::getDeviceName)
                        .containsExactly(room("Kitchen"), "Fridge"));
        Reading latest = latestOf(FRIDGE);
        assertThat(latest.getRoom()).isEqualTo(room("Kitchen"));
        assertThat(latest.getDeviceName()).isEqualTo("Fridge");
        assertThat(latest.getLocation()).as("the payload's own location").isEqualTo("lab");
        Series before = seriesOf(FRIDGE);
        assertThat(before.getRoom()).isEqualTo(room("Kitchen"));
        assertThat(before.getDeviceName()).isEqualTo("Fridge");

        publishPlaces(Map.of(FRIDGE, new String[] {"Fridge", room("Pantry")}));

        await().atMost(WITHIN_SECONDS)
                .untilAsserted(() -> assertThat(sensorOf(FRIDGE).getRoom()).isEqualTo(room("Pantry")));
        Series after = seriesOf(FRIDGE);
        assertThat(after.getRoom()).isEqualTo(room("Pantry"));
        assertThat(after.getPointsList())
                .as("the stored readings are untouched")
                .isEqualTo(before.getPointsList());
        assertThat(sensorOf(FRIDGE).getLocation()).isEqualTo("lab");
        assertThat(list(ReadingFilter.newBuilder().setRoom(room("Kitchen")))).isEmpty();
    }

    @Test
    void theRoomFilterMatchesTheMappedRoomAndAnUnplacedDevicesLocation() {
        publishPlaces(Map.of(GARAGE, new String[] {"", room("workshop")}));

        await().atMost(WITHIN_SECONDS)
                .untilAsserted(
                        () -> assertThat(devicesIn(ReadingFilter.newBuilder().setRoom(room("workshop"))))
                                .containsExactlyInAnyOrder(GARAGE, UNPLACED));
        assertThat(sensorOf(GARAGE).getDeviceName()).as("no name: the id").isEqualTo(GARAGE);
        assertThat(devicesIn(ReadingFilter.newBuilder().setLocation(room("workshop"))))
                .as("location keeps meaning the payload's")
                .containsExactly(UNPLACED);
        assertThat(devicesIn(ReadingFilter.newBuilder().setRoom("garage").setDeviceId(GARAGE)))
                .as("the payload's location is not the room of a placed device")
                .isEmpty();
        assertThat(devicesIn(ReadingFilter.newBuilder().setText(room("WORKSHOP"))))
                .as("text matches the room too")
                .contains(GARAGE, UNPLACED);
    }

    @Test
    void theLiveStreamCarriesTheNewestPlaceAndFiltersByRoom() throws Exception {
        String sensor = TestReadings.uniqueDevice("live-placed");
        String control = TestReadings.uniqueDevice("live-control");
        publishPlaces(Map.of(
                sensor, new String[] {"Thermometer", room("Bedroom")},
                control, new String[] {"Control", room("Bedroom")}));
        Stream bedroom = open(ReadingFilter.newBuilder().setRoom(room("Bedroom")));
        Stream ofTheSensor = open(ReadingFilter.newBuilder().setDeviceId(sensor));

        Reading first = await().atMost(WITHIN_SECONDS)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            announce(sensor, 1.0);
                            return bedroom.readings.poll(100, TimeUnit.MILLISECONDS);
                        },
                        Objects::nonNull);
        assertThat(first.getRoom()).isEqualTo(room("Bedroom"));
        assertThat(first.getDeviceName()).isEqualTo("Thermometer");
        assertThat(first.getLocation()).isEqualTo("lab");

        publishPlaces(Map.of(
                sensor, new String[] {"Thermometer", room("Bathroom")},
                control, new String[] {"Control", room("Bedroom")}));
        await().atMost(WITHIN_SECONDS).pollInterval(Duration.ofMillis(200)).until(() -> {
            announce(sensor, 2.0);
            Reading next = ofTheSensor.readings.poll(100, TimeUnit.MILLISECONDS);
            return next != null && next.getRoom().equals(room("Bathroom"));
        });

        announce(sensor, 99.0);
        await().atMost(WITHIN_SECONDS).until(() -> ofTheSensor.readings.stream().anyMatch(r -> r.getValue() == 99.0));
        announce(control, 100.0);
        Reading next;
        do {
            next = bedroom.readings.poll(WITHIN_SECONDS.toSeconds(), TimeUnit.SECONDS);
            assertThat(next).as("the control reading arrives").isNotNull();
            assertThat(next.getValue())
                    .as("the moved sensor left the bedroom's stream")
                    .isNotEqualTo(99.0);
        } while (next.getValue() != 100.0);
        bedroom.call.cancel("done", null);
        ofTheSensor.call.cancel("done", null);
    }

    /** Publishes a whole mapping retained, as auth-service does: device id to {display name, room}. */
    private static void publishPlaces(Map<String, String[]> places) {
        String entries = places.entrySet().stream()
                .map(place -> "{\"deviceId\":\"" + place.getKey() + "\",\"displayName\":\"" + place.getValue()[0]
                        + "\",\"room\":\"" + place.getValue()[1] + "\",\"since\":\"" + Instant.now() + "\"}")
                .collect(Collectors.joining(",", "{\"places\":[", "]}"));
        MqttConnection.Delivery delivery = publisher
                .publish(Topics.PLACES, entries.getBytes(StandardCharsets.UTF_8), 1, true)
                .join();
        assertThat(delivery.accepted()).isTrue();
    }

    private static void announce(String device, double value) {
        String json = "{\"readings\":[{\"device\":\"" + device + "\",\"sensor\":\"t\",\"quantity\":\"temperature\","
                + "\"value\":" + value + ",\"unit\":\"°C\",\"location\":\"lab\",\"source\":\"native\",\"ts\":\""
                + Instant.now() + "\"}]}";
        publisher.publish(Topics.stored(device), json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private static String room(String name) {
        return name + "-" + SUFFIX;
    }

    private Sensor sensorOf(String device) {
        List<Sensor> sensors = list(ReadingFilter.newBuilder().setDeviceId(device));
        assertThat(sensors).hasSize(1);
        return sensors.get(0);
    }

    private List<String> devicesIn(ReadingFilter.Builder filter) {
        return list(filter).stream().map(s -> s.getKey().getDeviceId()).toList();
    }

    private List<Sensor> list(ReadingFilter.Builder filter) {
        return reader().listSensors(
                        ListSensorsRequest.newBuilder().setFilter(filter).build())
                .getSensorsList();
    }

    private Reading latestOf(String device) {
        return reader().getLatest(
                        GetLatestRequest.newBuilder().addSensors(key(device)).build())
                .getReadings(0);
    }

    private Series seriesOf(String device) {
        return reader().getSeries(GetSeriesRequest.newBuilder()
                        .addSensors(key(device))
                        .setStart(Timestamps.fromMillis(
                                NOW.minus(1, ChronoUnit.HOURS).toEpochMilli()))
                        .setEnd(Timestamps.fromMillis(NOW.toEpochMilli()))
                        .setAggregate(Aggregate.AGGREGATE_RAW)
                        .setWindow(Durations.fromMinutes(5))
                        .build())
                .getSeries(0);
    }

    private static SensorKey key(String device) {
        return SensorKey.newBuilder()
                .setDeviceId(device)
                .setSensor("t")
                .setQuantity("temperature")
                .build();
    }

    private Stream open(ReadingFilter.Builder filter) {
        Stream stream = new Stream();
        asyncReader().streamReadings(filter.build(), stream);
        return stream;
    }

    private static final class Stream implements ClientResponseObserver<ReadingFilter, Reading> {

        final BlockingQueue<Reading> readings = new LinkedBlockingQueue<>();
        volatile ClientCallStreamObserver<ReadingFilter> call;

        @Override
        public void beforeStart(ClientCallStreamObserver<ReadingFilter> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(Reading reading) {
            readings.add(reading);
        }

        @Override
        public void onError(Throwable error) {}

        @Override
        public void onCompleted() {}
    }
}
