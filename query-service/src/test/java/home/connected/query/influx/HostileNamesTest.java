package home.connected.query.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.Aggregate;
import home.connected.contracts.query.v1.GetLatestRequest;
import home.connected.contracts.query.v1.GetSeriesRequest;
import home.connected.contracts.query.v1.ListSensorsRequest;
import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.ReadingFilter;
import home.connected.contracts.query.v1.Sensor;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.contracts.query.v1.Series;
import home.connected.query.QuerySpringTest;
import home.connected.query.TestReadings;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Names that look like InfluxQL are stored and found as data: quotes, backslashes, semicolons,
 * regex metacharacters, line-protocol separators and unicode in device, sensor and location.
 */
class HostileNamesTest extends QuerySpringTest {

    private static final String BASE = TestReadings.uniqueDevice("hostile");
    private static final String DEVICE = BASE + "'\"\\;.*|()[]";
    private static final String REGEX_DEVICE = BASE + ".*";
    private static final String HOSTILE_LOCATION = "room's \"x\" \\ ; /.*/";
    private static final List<String> SENSORS = List.of(
            "it's \"quoted\"",
            "back\\slash\\\\x",
            "semi;colon; DROP MEASUREMENT reading",
            ".*|()[]{}^$+?",
            "ünïcødé 温度 🌡",
            "' OR 1=1 --",
            "a,b=c d",
            "\\\"; DROP MEASUREMENT reading");
    private static final List<String> ATTACKS = List.of(
            "' OR 1=1 --",
            "\"; DROP MEASUREMENT reading",
            "x' OR \"device\" =~ /.*/ OR \"device\" = 'x",
            "\\' OR ''='",
            BASE + "' OR '1'='1",
            "/.*/");
    private static final Instant TIME =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);

    @BeforeAll
    static void writeReadings() {
        try (TestReadings readings = new TestReadings()) {
            for (int i = 0; i < SENSORS.size(); i++) {
                readings.add(
                        DEVICE, SENSORS.get(i), "temperature", i == 0 ? HOSTILE_LOCATION : "lab", "°C", i + 0.5, TIME);
            }
            readings.add(BASE, "plain", "temperature", "lab", "°C", 99.0, TIME)
                    .add(REGEX_DEVICE, "regex", "temperature", "lab", "°C", 77.0, TIME)
                    .write();
        }
    }

    @Test
    void storesAndListsHostileNamesExactly() {
        List<Sensor> sensors = list(ReadingFilter.newBuilder().setDeviceId(DEVICE));

        assertThat(sensors).extracting(s -> s.getKey().getSensor()).containsExactlyInAnyOrderElementsOf(SENSORS);
        assertThat(sensors)
                .allSatisfy(s -> assertThat(s.getLastValue())
                        .isEqualTo(SENSORS.indexOf(s.getKey().getSensor()) + 0.5));
    }

    @Test
    void findsEachHostileSensorByItsExactKeyAndNothingElse() {
        for (int i = 0; i < SENSORS.size(); i++) {
            SensorKey key = key(DEVICE, SENSORS.get(i));

            List<Reading> latest = reader().getLatest(
                            GetLatestRequest.newBuilder().addSensors(key).build())
                    .getReadingsList();
            assertThat(latest).as(SENSORS.get(i)).singleElement().satisfies(r -> {
                assertThat(r.getKey()).isEqualTo(key);
                assertThat(r.getLocation())
                        .isEqualTo(key.getSensor().equals(SENSORS.get(0)) ? HOSTILE_LOCATION : "lab");
            });
            assertThat(latest.get(0).getValue()).isEqualTo(i + 0.5);

            Series series = reader().getSeries(GetSeriesRequest.newBuilder()
                            .addSensors(key)
                            .setAggregate(Aggregate.AGGREGATE_RAW)
                            .setStart(
                                    Timestamps.fromMillis(TIME.minusSeconds(60).toEpochMilli()))
                            .setEnd(Timestamps.fromMillis(TIME.plusSeconds(60).toEpochMilli()))
                            .build())
                    .getSeries(0);
            assertThat(series.getPointsList())
                    .as(SENSORS.get(i))
                    .singleElement()
                    .satisfies(p -> assertThat(p.getValue()).isEqualTo(SENSORS.indexOf(key.getSensor()) + 0.5));
        }
    }

    @Test
    void matchesHostileFilterValuesLiterally() {
        assertThat(list(ReadingFilter.newBuilder().setDeviceId(DEVICE).setLocation(HOSTILE_LOCATION)))
                .extracting(s -> s.getKey().getSensor())
                .containsExactly(SENSORS.get(0));
        assertThat(list(ReadingFilter.newBuilder().setDeviceId(REGEX_DEVICE)))
                .as("a device named like a regex matches only itself")
                .extracting(s -> s.getKey().getDeviceId())
                .containsExactly(REGEX_DEVICE);
        assertThat(list(ReadingFilter.newBuilder().setDeviceId(DEVICE).setText(".*|()[]{}^$+?")))
                .extracting(s -> s.getKey().getSensor())
                .containsExactly(".*|()[]{}^$+?");
        assertThat(list(ReadingFilter.newBuilder().setText(BASE.toUpperCase(Locale.ROOT) + ".*")))
                .as("text is a substring, never a pattern")
                .extracting(s -> s.getKey().getDeviceId())
                .containsExactly(REGEX_DEVICE);
    }

    @Test
    void injectionAttemptsFindNothingAndChangeNothing() {
        for (String attack : ATTACKS) {
            assertThat(list(ReadingFilter.newBuilder().setDeviceId(attack)))
                    .as(attack)
                    .isEmpty();
            assertThat(list(ReadingFilter.newBuilder().setQuantity(attack)))
                    .as(attack)
                    .isEmpty();
            assertThat(list(ReadingFilter.newBuilder().setLocation(attack)))
                    .as(attack)
                    .isEmpty();
            assertThat(list(ReadingFilter.newBuilder().setDeviceId(BASE).setText(attack)))
                    .as(attack)
                    .isEmpty();
            assertThat(reader().getLatest(GetLatestRequest.newBuilder()
                                    .addSensors(key(attack, "plain"))
                                    .addSensors(key(BASE, attack))
                                    .build())
                            .getReadingsList())
                    .as(attack)
                    .isEmpty();
        }

        assertThat(list(ReadingFilter.newBuilder().setDeviceId(DEVICE))).hasSize(SENSORS.size());
        assertThat(list(ReadingFilter.newBuilder().setDeviceId(BASE)))
                .extracting(Sensor::getLastValue)
                .containsExactly(99.0);
    }

    @Test
    void refusesControlCharactersInEveryRpc() {
        for (String attack : List.of(
                BASE + "'\nDROP MEASUREMENT reading", "x\r\nSELECT * FROM reading", "nul\u0000byte", "tab\there")) {
            ReadingFilter filter =
                    ReadingFilter.newBuilder().setDeviceId(attack).build();
            SensorKey key = key(attack, "plain");
            assertInvalid(() -> reader().listSensors(
                            ListSensorsRequest.newBuilder().setFilter(filter).build()));
            assertInvalid(() -> reader().listSensors(ListSensorsRequest.newBuilder()
                    .setFilter(ReadingFilter.newBuilder().setText(attack))
                    .build()));
            assertInvalid(() -> reader().getLatest(
                            GetLatestRequest.newBuilder().addSensors(key).build()));
            assertInvalid(() -> reader().getSeries(GetSeriesRequest.newBuilder()
                    .addSensors(key)
                    .setStart(Timestamps.fromMillis(TIME.minusSeconds(60).toEpochMilli()))
                    .setEnd(Timestamps.fromMillis(TIME.plusSeconds(60).toEpochMilli()))
                    .build()));
            assertInvalid(() -> reader().streamReadings(filter).hasNext());
        }
    }

    private static void assertInvalid(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, (Consumer<
                        StatusRuntimeException>)
                e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("control character");
                });
    }

    private List<Sensor> list(ReadingFilter.Builder filter) {
        return reader().listSensors(
                        ListSensorsRequest.newBuilder().setFilter(filter).build())
                .getSensorsList();
    }

    private static SensorKey key(String device, String sensor) {
        return SensorKey.newBuilder()
                .setDeviceId(device)
                .setSensor(sensor)
                .setQuantity("temperature")
                .build();
    }
}
