package home.connected.query.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.Aggregate;
import home.connected.contracts.query.v1.GetLatestRequest;
import home.connected.contracts.query.v1.GetSeriesRequest;
import home.connected.contracts.query.v1.Point;
import home.connected.contracts.query.v1.RoomPeriod;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.contracts.query.v1.Series;
import home.connected.query.QuerySpringTest;
import home.connected.query.TestReadings;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SeriesTest extends QuerySpringTest {

    private static final String DEVICE = TestReadings.uniqueDevice("series");
    private static final Instant B = Instant.parse("2026-11-20T00:00:00Z");
    private static final SensorKey TEMPERATURE = key("t", "temperature");
    private static final SensorKey HUMIDITY = key("h", "humidity");
    private static final SensorKey EVERY_MINUTE = key("m", "temperature");

    @BeforeAll
    static void writeReadings() {
        try (TestReadings readings = new TestReadings()) {
            readings.add(DEVICE, "t", "temperature", "lab", "°C", 10.0, minute(0))
                    .add(DEVICE, "t", "temperature", "lab", "°C", 11.0, minute(3))
                    .add(DEVICE, "t", "temperature", "lab", "°C", 15.0, minute(9))
                    .add(DEVICE, "t", "temperature", "lab", "°C", 20.0, minute(12))
                    .add(DEVICE, "t", "temperature", "lab", "°C", 22.0, minute(15))
                    .add(DEVICE, "t", "temperature", "lab", "°C", -5.5, minute(35))
                    // at the end of the range, which is exclusive
                    .add(DEVICE, "t", "temperature", "lab", "°C", 100.0, minute(40))
                    .add(DEVICE, "h", "humidity", "lab", "%", 40.0, minute(5))
                    .add(DEVICE, "h", "humidity", "lab", "%", 60.0, minute(25));
            for (int m = 0; m < 24 * 60; m++) {
                readings.add(DEVICE, "m", "temperature", "lab", "°C", m % 7, minute(m));
            }
            readings.write();
        }
    }

    @Test
    void averagesPerWindowLeavingOutEmptyWindows() {
        List<Series> series = series(Aggregate.AGGREGATE_MEAN, Duration.ofMinutes(10));

        assertThat(series).hasSize(2);
        assertThat(series.get(0).getKey()).isEqualTo(TEMPERATURE);
        assertThat(series.get(0).getUnit()).isEqualTo("°C");
        assertThat(series.get(0).getAggregate()).isEqualTo(Aggregate.AGGREGATE_MEAN);
        assertThat(series.get(0).getWindow()).isEqualTo(Durations.fromMinutes(10));
        assertThat(series.get(0).getPointsList()).containsExactly(point(0, 12.0), point(10, 21.0), point(30, -5.5));
        assertThat(series.get(1).getKey()).isEqualTo(HUMIDITY);
        assertThat(series.get(1).getUnit()).isEqualTo("%");
        assertThat(series.get(1).getPointsList()).containsExactly(point(0, 40.0), point(20, 60.0));
    }

    @Test
    void givesMinMaxAndCountPerWindow() {
        assertThat(series(Aggregate.AGGREGATE_MIN, Duration.ofMinutes(10))
                        .get(0)
                        .getPointsList())
                .containsExactly(point(0, 10.0), point(10, 20.0), point(30, -5.5));
        assertThat(series(Aggregate.AGGREGATE_MAX, Duration.ofMinutes(10))
                        .get(0)
                        .getPointsList())
                .containsExactly(point(0, 15.0), point(10, 22.0), point(30, -5.5));
        assertThat(series(Aggregate.AGGREGATE_COUNT, Duration.ofMinutes(20))
                        .get(0)
                        .getPointsList())
                .containsExactly(point(0, 5.0), point(20, 1.0));
    }

    @Test
    void givesTheMeanWithMinAndMaxOfEachWindowAsABand() {
        List<Series> series = series(Aggregate.AGGREGATE_BAND, Duration.ofMinutes(10));

        assertThat(series.get(0).getAggregate()).isEqualTo(Aggregate.AGGREGATE_BAND);
        assertThat(series.get(0).getWindow()).isEqualTo(Durations.fromMinutes(10));
        assertThat(series.get(0).getPointsList())
                .containsExactly(band(0, 12.0, 10.0, 15.0), band(10, 21.0, 20.0, 22.0), band(30, -5.5, -5.5, -5.5));
        assertThat(series.get(1).getPointsList())
                .containsExactly(band(0, 40.0, 40.0, 40.0), band(20, 60.0, 60.0, 60.0));
    }

    @Test
    void aDeviceWithoutAPlaceIsNamedByItsIdAndInTheRoomOfItsLocation() {
        Series series = series(Aggregate.AGGREGATE_MEAN, Duration.ofMinutes(10)).get(0);

        assertThat(series.getDeviceName()).isEqualTo(DEVICE);
        assertThat(series.getRoom()).isEqualTo("lab");
        assertThat(series.getRoomsList())
                .as("the location of its readings over the whole range, still there")
                .containsExactly(RoomPeriod.newBuilder()
                        .setRoom("lab")
                        .setStart(Timestamps.fromMillis(minute(0).toEpochMilli()))
                        .build());
    }

    @Test
    void givesRawPointsUpToMaxPoints() {
        GetSeriesRequest.Builder request =
                request(Aggregate.AGGREGATE_RAW, minute(0), minute(40)).addSensors(TEMPERATURE);

        Series all = reader().getSeries(request.build()).getSeries(0);
        assertThat(all.hasWindow()).isFalse();
        assertThat(all.getPointsList())
                .containsExactly(
                        point(0, 10.0),
                        point(3, 11.0),
                        point(9, 15.0),
                        point(12, 20.0),
                        point(15, 22.0),
                        point(35, -5.5));

        assertThat(reader().getSeries(request.setMaxPoints(3).build())
                        .getSeries(0)
                        .getPointsList())
                .containsExactly(point(0, 10.0), point(3, 11.0), point(9, 15.0));
    }

    @Test
    void choosesTheWindowSoThatPointsStayWithinMaxPoints() {
        GetSeriesRequest.Builder day =
                request(Aggregate.AGGREGATE_COUNT, minute(0), minute(24 * 60)).addSensors(EVERY_MINUTE);

        Series byDefault = reader().getSeries(day.build()).getSeries(0);
        assertThat(byDefault.getWindow()).isEqualTo(Durations.fromMinutes(5));
        assertThat(byDefault.getPointsList())
                .hasSize(288)
                .allSatisfy(p -> assertThat(p.getValue()).isEqualTo(5.0));

        Series hundred = reader().getSeries(day.setMaxPoints(100).build()).getSeries(0);
        assertThat(hundred.getWindow()).isEqualTo(Durations.fromMinutes(15));
        assertThat(hundred.getPointsList()).hasSize(96);

        // a start inside a window costs one window more: 97 of 15 min would be too many
        Series shifted = reader().getSeries(day.setMaxPoints(96)
                        .setStart(Timestamps.fromMillis(minute(7).toEpochMilli()))
                        .setEnd(Timestamps.fromMillis(minute(24 * 60 + 7).toEpochMilli()))
                        .build())
                .getSeries(0);
        assertThat(shifted.getWindow()).isEqualTo(Durations.fromMinutes(30));
        assertThat(shifted.getPointsList()).hasSizeLessThanOrEqualTo(96);
        assertThat(shifted.getPoints(0))
                .isEqualTo(Point.newBuilder()
                        .setTime(Timestamps.fromMillis(minute(0).toEpochMilli()))
                        .setValue(23.0)
                        .build());
    }

    @Test
    void givesEmptySeriesForSensorsWithoutReadings() {
        SensorKey unknown = key("nothing", "temperature");

        List<Series> series = reader().getSeries(request(Aggregate.AGGREGATE_MEAN, minute(0), minute(40))
                        .addSensors(unknown)
                        .build())
                .getSeriesList();

        assertThat(series).hasSize(1);
        assertThat(series.get(0).getKey()).isEqualTo(unknown);
        assertThat(series.get(0).getPointsList()).isEmpty();
    }

    @Test
    void refusesUnusableRangesWindowsAndLimits() {
        GetSeriesRequest good = request(Aggregate.AGGREGATE_MEAN, minute(0), minute(24 * 60))
                .addSensors(TEMPERATURE)
                .build();

        assertInvalid(good.toBuilder().clearStart().build(), "start and end are required");
        assertInvalid(good.toBuilder().setEnd(good.getStart()).build(), "end must be after start");
        assertInvalid(
                good.toBuilder()
                        .setStart(Timestamps.fromMillis(
                                minute(0).minus(Duration.ofDays(401)).toEpochMilli()))
                        .build(),
                "at most 400 days");
        assertInvalid(
                good.toBuilder()
                        .setStart(Timestamps.parseUnchecked("1000-01-01T00:00:00Z"))
                        .build(),
                "at most 400 days");
        assertInvalid(good.toBuilder().setMaxPoints(5001).build(), "max_points must be between 1 and 5000");
        assertInvalid(good.toBuilder().setMaxPoints(-1).build(), "max_points must be between 1 and 5000");
        assertInvalid(
                good.toBuilder().setWindow(Durations.fromSeconds(1)).build(),
                "gives 86400 points over this range, more than max_points 500; use a window of at least PT5M");
        assertInvalid(good.toBuilder().setWindow(Durations.fromSeconds(-60)).build(), "window must be positive");
        assertInvalid(good.toBuilder().setAggregateValue(42).build(), "aggregate must be one of");
        assertInvalid(good.toBuilder().clearSensors().build(), "sensors is empty");
    }

    private void assertInvalid(GetSeriesRequest request, String message) {
        assertThatThrownBy(() -> reader().getSeries(request))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains(message);
                });
    }

    @Test
    void carriesTheRoomOfSensorsWithoutAPlaceWhetherTheirLastValuesAreFreshOrRecent() {
        List<Series> first = series(Aggregate.AGGREGATE_MEAN, Duration.ofMinutes(10));
        reader().getLatest(GetLatestRequest.newBuilder()
                .addSensors(TEMPERATURE)
                .addSensors(HUMIDITY)
                .build());
        List<Series> again = series(Aggregate.AGGREGATE_MEAN, Duration.ofMinutes(10));

        assertThat(first).extracting(Series::getRoom).containsExactly("lab", "lab");
        assertThat(again).isEqualTo(first);
    }

    private List<Series> series(Aggregate aggregate, Duration window) {
        return reader().getSeries(request(aggregate, minute(0), minute(40))
                        .addSensors(TEMPERATURE)
                        .addSensors(HUMIDITY)
                        .setWindow(Durations.fromMillis(window.toMillis()))
                        .build())
                .getSeriesList();
    }

    private static GetSeriesRequest.Builder request(Aggregate aggregate, Instant start, Instant end) {
        return GetSeriesRequest.newBuilder()
                .setAggregate(aggregate)
                .setStart(Timestamps.fromMillis(start.toEpochMilli()))
                .setEnd(Timestamps.fromMillis(end.toEpochMilli()));
    }

    private static Point point(int minute, double value) {
        return Point.newBuilder()
                .setTime(Timestamps.fromMillis(minute(minute).toEpochMilli()))
                .setValue(value)
                .build();
    }

    private static Point band(int minute, double mean, double min, double max) {
        return point(minute, mean).toBuilder().setMin(min).setMax(max).build();
    }

    private static Instant minute(int minute) {
        return B.plus(Duration.ofMinutes(minute));
    }

    private static SensorKey key(String sensor, String quantity) {
        return SensorKey.newBuilder()
                .setDeviceId(DEVICE)
                .setSensor(sensor)
                .setQuantity(quantity)
                .build();
    }
}
