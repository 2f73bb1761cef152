package home.connected.query.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.GetLatestRequest;
import home.connected.contracts.query.v1.ListSensorsRequest;
import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.ReadingFilter;
import home.connected.contracts.query.v1.Sensor;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.query.QuerySpringTest;
import home.connected.query.TestReadings;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogueTest extends QuerySpringTest {

    private static final String KITCHEN = TestReadings.uniqueDevice("kitchen");
    private static final String GARDEN = TestReadings.uniqueDevice("garden");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant T1 = NOW.minus(2, ChronoUnit.HOURS);
    private static final Instant T2 = NOW.minus(1, ChronoUnit.HOURS);
    private static final Instant T3 = NOW.minus(10, ChronoUnit.MINUTES);

    @BeforeAll
    static void writeReadings() {
        try (TestReadings readings = new TestReadings()) {
            readings.add(KITCHEN, "bme280", "temperature", "Kitchen", "°C", 20.5, T1)
                    .add(KITCHEN, "bme280", "temperature", "Kitchen", "°C", 21.25, T2)
                    .add(KITCHEN, "bme280", "humidity", "Kitchen", "%", 48.0, T2)
                    .add(GARDEN, "ds18b20", "temperature", "garden", "°C", 3.5, T1)
                    // moved to the shed: listed once, where it was seen last
                    .add(GARDEN, "ds18b20", "temperature", "shed", "°C", 4.75, T3)
                    .add(GARDEN, "contact", "open", "", "", 1.0, T2)
                    .write();
        }
    }

    @Test
    void listsEverySensorOfADeviceWithItsLastValue() {
        List<Sensor> sensors = list(ReadingFilter.newBuilder().setDeviceId(KITCHEN));

        assertThat(sensors)
                .containsExactly(
                        sensor(KITCHEN, "bme280", "humidity", "Kitchen", "%", 48.0, T2),
                        sensor(KITCHEN, "bme280", "temperature", "Kitchen", "°C", 21.25, T2));
    }

    @Test
    void listsASensorThatMovedOnceWhereItWasSeenLast() {
        assertThat(list(ReadingFilter.newBuilder().setDeviceId(GARDEN)))
                .containsExactly(
                        sensor(GARDEN, "contact", "open", "", "", 1.0, T2),
                        sensor(GARDEN, "ds18b20", "temperature", "shed", "°C", 4.75, T3));
    }

    @Test
    void filtersByQuantityAndLocationExactly() {
        assertThat(list(ReadingFilter.newBuilder().setDeviceId(KITCHEN).setQuantity("humidity")))
                .extracting(s -> s.getKey().getQuantity())
                .containsExactly("humidity");
        assertThat(list(ReadingFilter.newBuilder().setDeviceId(GARDEN).setLocation("shed")))
                .extracting(s -> s.getKey().getSensor())
                .containsExactly("ds18b20");
        assertThat(list(ReadingFilter.newBuilder().setDeviceId(KITCHEN).setLocation("kitchen")))
                .as("exact, so case matters")
                .isEmpty();
    }

    @Test
    void filtersByTextCaseInsensitivelyOverDeviceSensorQuantityAndLocation() {
        String unique = KITCHEN.substring(KITCHEN.lastIndexOf('-') + 1);

        assertThat(list(ReadingFilter.newBuilder().setText(unique.toUpperCase())))
                .extracting(s -> s.getKey().getQuantity())
                .containsExactlyInAnyOrder("temperature", "humidity");
        assertThat(list(ReadingFilter.newBuilder().setDeviceId(KITCHEN).setText("HUMID")))
                .extracting(s -> s.getKey().getQuantity())
                .containsExactly("humidity");
        assertThat(list(ReadingFilter.newBuilder().setDeviceId(KITCHEN).setText("kitch")))
                .hasSize(2);
        assertThat(list(ReadingFilter.newBuilder().setDeviceId(GARDEN).setText("SHE")))
                .extracting(s -> s.getKey().getSensor())
                .containsExactly("ds18b20");
        assertThat(list(ReadingFilter.newBuilder().setDeviceId(GARDEN).setText("nothing-like-this")))
                .isEmpty();
    }

    @Test
    void givesTheLatestValuesOfNamedSensorsInRequestOrder() {
        SensorKey gardenTemperature = key(GARDEN, "ds18b20", "temperature");
        SensorKey kitchenTemperature = key(KITCHEN, "bme280", "temperature");
        SensorKey unknown = key(KITCHEN, "bme280", "pressure");

        List<Reading> readings = reader().getLatest(GetLatestRequest.newBuilder()
                        .addSensors(gardenTemperature)
                        .addSensors(unknown)
                        .addSensors(kitchenTemperature)
                        .addSensors(gardenTemperature)
                        .build())
                .getReadingsList();

        assertThat(readings)
                .containsExactly(
                        Reading.newBuilder()
                                .setKey(gardenTemperature)
                                .setLocation("shed")
                                .setUnit("°C")
                                .setValue(4.75)
                                .setTime(Timestamps.fromMillis(T3.toEpochMilli()))
                                .setRoom("shed")
                                .setDeviceName(GARDEN)
                                .build(),
                        Reading.newBuilder()
                                .setKey(kitchenTemperature)
                                .setLocation("Kitchen")
                                .setUnit("°C")
                                .setValue(21.25)
                                .setTime(Timestamps.fromMillis(T2.toEpochMilli()))
                                .setRoom("Kitchen")
                                .setDeviceName(KITCHEN)
                                .build());
    }

    @Test
    void refusesTooManyOrIncompleteSensorKeys() {
        GetLatestRequest tooMany = GetLatestRequest.newBuilder()
                .addAllSensors(IntStream.range(0, 201)
                        .mapToObj(i -> key(KITCHEN, "s" + i, "temperature"))
                        .toList())
                .build();
        assertInvalid(() -> reader().getLatest(tooMany), "at most 200");
        assertInvalid(() -> reader().getLatest(GetLatestRequest.getDefaultInstance()), "sensors is empty");
        assertInvalid(
                () -> reader().getLatest(GetLatestRequest.newBuilder()
                        .addSensors(key(KITCHEN, "", "temperature"))
                        .build()),
                "sensors.sensor is required");
    }

    static void assertInvalid(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains(message);
        });
    }

    private List<Sensor> list(ReadingFilter.Builder filter) {
        return reader().listSensors(
                        ListSensorsRequest.newBuilder().setFilter(filter).build())
                .getSensorsList();
    }

    static SensorKey key(String device, String sensor, String quantity) {
        return SensorKey.newBuilder()
                .setDeviceId(device)
                .setSensor(sensor)
                .setQuantity(quantity)
                .build();
    }

    private static Sensor sensor(
            String device, String sensor, String quantity, String location, String unit, double value, Instant seen) {
        return Sensor.newBuilder()
                .setKey(key(device, sensor, quantity))
                .setLocation(location)
                .setUnit(unit)
                .setSourceFormat("native")
                .setLastValue(value)
                .setLastSeen(Timestamps.fromMillis(seen.toEpochMilli()))
                // no place published for these devices: the id is the name, the location the room
                .setRoom(location)
                .setDeviceName(device)
                .build();
    }
}
