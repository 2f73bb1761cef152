package home.connected.query.place;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import home.connected.contracts.Topics;
import home.connected.contracts.query.v1.Aggregate;
import home.connected.contracts.query.v1.GetLatestRequest;
import home.connected.contracts.query.v1.GetSeriesRequest;
import home.connected.contracts.query.v1.ListSensorsRequest;
import home.connected.contracts.query.v1.Point;
import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.ReadingFilter;
import home.connected.contracts.query.v1.RoomPeriod;
import home.connected.contracts.query.v1.Sensor;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.contracts.query.v1.Series;
import home.connected.mqtt.MqttConnection;
import home.connected.query.QuerySpringTest;
import home.connected.query.TestReadings;
import home.connected.testing.ThrowawayMosquitto;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
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
    /** The start of the hour three hours ago: the rooms test's windows are whole 10 minutes from here. */
    private static final Instant B = NOW.truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);

    private static final String MOVED = TestReadings.uniqueDevice("moved");
    private static final String CLEARED = TestReadings.uniqueDevice("cleared");
    private static final String NAMED = TestReadings.uniqueDevice("named");
    private static final String WANDERER = TestReadings.uniqueDevice("wanderer");

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
                    .add(UNPLACED, "t", "temperature", room("workshop"), "°C", 9.0, NOW.minus(10, ChronoUnit.MINUTES));
            // Kitchen, Bedroom from minute 17, Kitchen again from 19, Bedroom from 35 (see theRoomAtEachTime...)
            for (double[] reading :
                    new double[][] {{0, 1}, {5, 2}, {12, 3}, {15, 4}, {18, 100}, {19.5, 8}, {26, 6}, {40, 50}, {45, 60}
                    }) {
                readings.add(MOVED, "t", "temperature", "lab", "°C", reading[1], minute(reading[0]));
            }
            readings.add(CLEARED, "t", "temperature", "lab", "°C", 1.0, minute(10))
                    .add(CLEARED, "t", "temperature", "lab", "°C", 2.0, minute(40))
                    .add(NAMED, "t", "temperature", "lab", "°C", 3.0, minute(10))
                    .add(WANDERER, "t", "temperature", room("garage"), "°C", 4.0, minute(5))
                    .add(WANDERER, "t", "temperature", room("shed"), "°C", 5.0, minute(30))
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

    @Test
    void theRoomAtEachTimeAppliesSoAMoveRewritesNoHistory() {
        publishRawPlaces(
                place(
                        MOVED,
                        "Fridge",
                        "Kitchen",
                        B.minus(1, ChronoUnit.HOURS),
                        "Bedroom",
                        minute(17),
                        "Kitchen",
                        minute(19),
                        "Bedroom",
                        minute(35)),
                place(CLEARED, "Lamp", "Kitchen", B.minus(1, ChronoUnit.HOURS), "", minute(30)),
                place(NAMED, "Named", "", B.minus(1, ChronoUnit.HOURS)));
        await().atMost(WITHIN_SECONDS)
                .untilAsserted(() -> assertThat(sensorOf(MOVED).getRoom()).isEqualTo("Bedroom"));

        Series all = seriesOf(MOVED, Aggregate.AGGREGATE_RAW, "");
        assertThat(all.getRoom()).as("the room now").isEqualTo("Bedroom");
        assertThat(all.getPointsList()).hasSize(9);
        assertThat(all.getRoomsList())
                .as("every period overlapping the range, cut to it")
                .containsExactly(
                        period("Kitchen", minute(0), minute(17)),
                        period("Bedroom", minute(17), minute(19)),
                        period("Kitchen", minute(19), minute(35)),
                        period("Bedroom", minute(35), null));

        Series kitchen = seriesOf(MOVED, Aggregate.AGGREGATE_RAW, "Kitchen");
        assertThat(values(kitchen))
                .as("only the points from the kitchen")
                .containsExactly(1.0, 2.0, 3.0, 4.0, 8.0, 6.0);
        assertThat(kitchen.getRoom()).isEqualTo("Bedroom");
        assertThat(kitchen.getRoomsList()).isEqualTo(all.getRoomsList());

        Series means = seriesOf(MOVED, Aggregate.AGGREGATE_MEAN, "Kitchen");
        assertThat(means.getPointsList())
                .as("windows keep their alignment; one cut by the move is one point, its mean over its readings")
                .extracting(p -> Timestamps.toMillis(p.getTime()), Point::getValue)
                .containsExactly(
                        tuple(minute(0).toEpochMilli(), 1.5),
                        tuple(minute(10).toEpochMilli(), 5.0),
                        tuple(minute(20).toEpochMilli(), 6.0));
        Point band = seriesOf(MOVED, Aggregate.AGGREGATE_BAND, "Kitchen").getPoints(1);
        assertThat(List.of(band.getValue(), band.getMin(), band.getMax())).containsExactly(5.0, 3.0, 8.0);
        assertThat(values(seriesOf(MOVED, Aggregate.AGGREGATE_COUNT, "Kitchen")))
                .containsExactly(2.0, 3.0, 1.0);
        assertThat(values(seriesOf(MOVED, Aggregate.AGGREGATE_MEAN, ""))).containsExactly(1.5, 28.75, 6.0, 55.0);
        assertThat(values(seriesOf(MOVED, Aggregate.AGGREGATE_MAX, "Bedroom"))).containsExactly(100.0, 60.0);
        assertThat(seriesOf(MOVED, Aggregate.AGGREGATE_RAW, room("Attic")).getPointsList())
                .isEmpty();

        assertThat(list(ReadingFilter.newBuilder().setRoom("Kitchen").setDeviceId(MOVED)))
                .as("a sensor that was in the kitchen within the catalogue window is still found there")
                .singleElement()
                .satisfies(sensor -> assertThat(sensor.getRoom()).isEqualTo("Bedroom"));
        assertThat(list(ReadingFilter.newBuilder().setRoom("Bedroom").setDeviceId(MOVED)))
                .hasSize(1);
        assertThat(list(ReadingFilter.newBuilder().setRoom("lab").setDeviceId(MOVED)))
                .as("its payload's location is not its room while it has one")
                .isEmpty();
    }

    @Test
    void withoutARoomSetTheReadingsLocationIsTheRoom() {
        publishRawPlaces(
                place(CLEARED, "Lamp", "Kitchen", B.minus(1, ChronoUnit.HOURS), "", minute(30)),
                place(NAMED, "Named", "", B.minus(1, ChronoUnit.HOURS)));
        await().atMost(WITHIN_SECONDS)
                .untilAsserted(
                        () -> assertThat(sensorOf(CLEARED).getDeviceName()).isEqualTo("Lamp"));

        assertThat(sensorOf(CLEARED).getRoom())
                .as("room cleared: the payload's location")
                .isEqualTo("lab");
        assertThat(latestOf(CLEARED).getRoom()).isEqualTo("lab");
        assertThat(sensorOf(NAMED))
                .as("a name but never a room")
                .extracting(Sensor::getDeviceName, Sensor::getRoom)
                .containsExactly("Named", "lab");
        Series cleared = seriesOf(CLEARED, Aggregate.AGGREGATE_RAW, "");
        assertThat(cleared.getRoom()).isEqualTo("lab");
        assertThat(cleared.getRoomsList())
                .containsExactly(period("Kitchen", minute(0), minute(30)), period("lab", minute(30), null));
        assertThat(values(seriesOf(CLEARED, Aggregate.AGGREGATE_RAW, "lab"))).containsExactly(2.0);
        assertThat(values(seriesOf(CLEARED, Aggregate.AGGREGATE_RAW, "Kitchen")))
                .containsExactly(1.0);
        assertThat(devicesIn(ReadingFilter.newBuilder().setRoom("lab").setDeviceId(CLEARED)))
                .containsExactly(CLEARED);
        assertThat(devicesIn(ReadingFilter.newBuilder().setRoom("Kitchen").setDeviceId(CLEARED)))
                .containsExactly(CLEARED);

        Series wanderer = seriesOf(WANDERER, Aggregate.AGGREGATE_RAW, "");
        assertThat(wanderer.getRoom()).as("never placed: its last location").isEqualTo(room("shed"));
        assertThat(wanderer.getDeviceName()).isEqualTo(WANDERER);
        assertThat(wanderer.getRoomsList())
                .as("never placed: the location of its readings, from the first one of each")
                .containsExactly(period(room("garage"), minute(0), minute(30)), period(room("shed"), minute(30), null));
        assertThat(values(seriesOf(WANDERER, Aggregate.AGGREGATE_MEAN, room("garage"))))
                .containsExactly(4.0);
        assertThat(list(ReadingFilter.newBuilder().setRoom(room("garage"))))
                .as("it was in the garage within the catalogue window")
                .singleElement()
                .satisfies(sensor -> assertThat(sensor.getRoom()).isEqualTo(room("shed")));
    }

    @Test
    void anUnusableRoomIsRefused() {
        for (String bad : new String[] {"Kit\nchen", "r".repeat(257)}) {
            assertThatThrownBy(() -> seriesOf(MOVED, Aggregate.AGGREGATE_RAW, bad))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription()).startsWith("room ");
                    });
        }
    }

    /** Publishes a whole mapping retained, as auth-service does, from entries made with {@link #place}. */
    private static void publishRawPlaces(String... places) {
        String mapping = "{\"places\":[" + String.join(",", places) + "]}";
        MqttConnection.Delivery delivery = publisher
                .publish(Topics.PLACES, mapping.getBytes(StandardCharsets.UTF_8), 1, true)
                .join();
        assertThat(delivery.accepted()).isTrue();
    }

    /** One device's place with its rooms: room, since, room, since, ... oldest first; the last is the room now. */
    private static String place(String device, String displayName, Object... rooms) {
        StringBuilder history = new StringBuilder();
        for (int i = 0; i < rooms.length; i += 2) {
            history.append(i == 0 ? "" : ",")
                    .append("{\"room\":\"")
                    .append(rooms[i])
                    .append("\",\"since\":\"")
                    .append(rooms[i + 1])
                    .append("\"}");
        }
        return "{\"deviceId\":\"" + device + "\",\"displayName\":\"" + displayName + "\",\"room\":\""
                + rooms[rooms.length - 2] + "\",\"since\":\"" + rooms[rooms.length - 1] + "\",\"rooms\":["
                + history + "]}";
    }

    private Series seriesOf(String device, Aggregate aggregate, String room) {
        GetSeriesRequest.Builder request = GetSeriesRequest.newBuilder()
                .addSensors(key(device))
                .setStart(timestamp(minute(0)))
                .setEnd(timestamp(minute(60)))
                .setAggregate(aggregate)
                .setRoom(room);
        if (aggregate != Aggregate.AGGREGATE_RAW) {
            request.setWindow(Durations.fromMinutes(10));
        }
        return reader().getSeries(request.build()).getSeries(0);
    }

    private static List<Double> values(Series series) {
        return series.getPointsList().stream().map(Point::getValue).toList();
    }

    private static RoomPeriod period(String room, Instant start, Instant end) {
        RoomPeriod.Builder period = RoomPeriod.newBuilder().setRoom(room).setStart(timestamp(start));
        if (end != null) {
            period.setEnd(timestamp(end));
        }
        return period.build();
    }

    private static Timestamp timestamp(Instant time) {
        return Timestamp.newBuilder()
                .setSeconds(time.getEpochSecond())
                .setNanos(time.getNano())
                .build();
    }

    private static Instant minute(double minute) {
        return B.plusMillis((long) (minute * 60_000));
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
