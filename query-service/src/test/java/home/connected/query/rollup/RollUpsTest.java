package home.connected.query.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.Aggregate;
import home.connected.contracts.query.v1.GetSeriesRequest;
import home.connected.contracts.query.v1.Point;
import home.connected.contracts.query.v1.RoomPeriod;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.contracts.query.v1.Series;
import home.connected.query.QueryProperties;
import home.connected.query.QuerySpringTest;
import home.connected.query.TestReadings;
import home.connected.query.influx.InfluxReader;
import home.connected.query.influx.InfluxWriter;
import home.connected.query.series.SeriesQueries;
import home.connected.testing.InfluxQlReader;
import home.connected.testing.ScratchInflux;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The roll-ups against a real InfluxDB, in a database of their own: 12 days of readings of three sensors
 * (one moves between rooms, one changes unit) every 97 s, rolled up by passes the test runs itself (the
 * scheduled ones are an hour apart), and charts that read them.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.grpc.server.port=0",
            "ch.query.roll-ups.interval=1h",
            "ch.query.roll-ups.keep-raw=5d",
            "ch.query.roll-ups.retention-interval=1000d"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollUpsTest {

    private static final ScratchInflux INFLUX = ScratchInflux.create("rollups_test");
    private static final Instant NOW = Instant.now();
    /** Not on a window's edge, so every chart starts and ends inside a roll-up window. */
    private static final Instant FIRST =
            NOW.minus(Duration.ofDays(12)).truncatedTo(ChronoUnit.MINUTES).plusSeconds(7 * 60 + 13);

    private static final Instant LAST = NOW.minus(Duration.ofHours(2));
    private static final String DEVICE = "rollup-device";
    private static final SensorKey TEMPERATURE = key("t", "temperature");
    private static final SensorKey HUMIDITY = key("h", "humidity");
    private static final SensorKey POWER = key("p", "power");
    private static final List<SensorKey> SENSORS = List.of(TEMPERATURE, HUMIDITY, POWER);
    private static final Instant LATE = FIRST.plus(Duration.ofDays(2)).plusSeconds(31);

    @Autowired
    SeriesQueries series;

    @Autowired
    RollUps rollUps;

    @Autowired
    RollUpJob job;

    @Autowired
    LateReadings late;

    @Autowired
    InfluxReader influx;

    @Autowired
    InfluxWriter writer;

    @Autowired
    QueryProperties properties;

    @DynamicPropertySource
    static void devServices(DynamicPropertyRegistry registry) {
        QuerySpringTest.devServices(registry, INFLUX.bucket());
        // no gRPC call verifies a token here
        registry.add("CH_AUTH_JWKS_URL", () -> "http://127.0.0.1:9/jwks");
    }

    @BeforeAll
    static void writeReadings() {
        try (TestReadings readings = new TestReadings(INFLUX.bucket())) {
            int i = 0;
            for (Instant time = FIRST; time.isBefore(LAST); time = time.plusSeconds(97), i++) {
                readings.add(DEVICE, "t", "temperature", "lab", "°C", 20 + 5 * Math.sin(i / 50.0), time);
                readings.add(DEVICE, "h", "humidity", i % 3000 < 1500 ? "kitchen" : "hall", "%", 40 + i % 17, time);
                readings.add(DEVICE, "p", "power", "lab", i < 4000 ? "W" : "kW", i % 11 * 1.5, time);
            }
            readings.write();
        }
    }

    @AfterAll
    static void drop() {
        INFLUX.drop();
    }

    @Test
    @Order(1)
    void chartsGiveTheSameAnswerFromTheRollUpsAsFromTheRawReadings() {
        assertThat(rollUps.reads(FIRST, NOW, Duration.ofHours(1))).hasSize(1);
        List<GetSeriesRequest> charts = charts();
        List<List<Series>> raw = charts.stream().map(this::answer).toList();

        job.pass();

        assertThat(rollUps.until(RollUpLevel.FIVE_MINUTES)).isAfter(LAST.minus(Duration.ofMinutes(5)));
        assertThat(rollUps.until(RollUpLevel.ONE_HOUR)).isAfter(LAST.minus(Duration.ofHours(1)));
        assertThat(rollUps.reads(FIRST, NOW, Duration.ofDays(1)))
                .extracting(read -> read.source().measurement())
                .containsExactly("\"reading\"", "\"reading_1h\"", "\"reading\"");
        assertThat(rollUps.reads(FIRST, NOW, Duration.ofHours(2)))
                .extracting(read -> read.source().measurement())
                .containsExactly("\"reading\"", "\"reading_5m\"", "\"reading\"");
        // too few roll-up windows in a chart's window to be worth a statement more for each end
        assertThat(rollUps.reads(FIRST, NOW, Duration.ofMinutes(30))).hasSize(1);
        assertThat(rollUps.reads(FIRST, NOW, Duration.ofSeconds(30))).hasSize(1);
        for (int chart = 0; chart < charts.size(); chart++) {
            assertSameSeries(answer(charts.get(chart)), raw.get(chart), charts.get(chart), Duration.ofHours(1));
        }
    }

    @Test
    @Order(2)
    void aRollUpWindowHoldsItsReadingsMeanMinMaxCountAndSum() {
        try (InfluxQlReader reader = InfluxQlReader.ofDevServices(INFLUX.bucket())) {
            var rolled = reader.rows("SELECT \"mean\", \"min\", \"max\", \"count\", \"sum\" FROM \"reading_5m\""
                    + " WHERE \"sensor\" = 't' AND time >= " + nanos(FIRST.plus(Duration.ofDays(3)))
                    + " ORDER BY time LIMIT 1");
            Instant window = Instant.EPOCH.plusNanos(
                    Long.parseLong(rolled.get(0).getValueByKey("time").toString()));
            var raw = reader.rows("SELECT mean(\"value\"), min(\"value\"), max(\"value\"), count(\"value\"),"
                    + " sum(\"value\") FROM \"reading\" WHERE \"sensor\" = 't' AND time >= " + nanos(window)
                    + " AND time < " + nanos(window.plus(Duration.ofMinutes(5))));
            for (String field : List.of("mean", "min", "max", "count", "sum")) {
                assertThat(number(rolled.get(0).getValueByKey(field)))
                        .as(field)
                        .isCloseTo(number(raw.get(0).getValueByKey(field)), within(1e-9));
            }
            assertThat(number(rolled.get(0).getValueByKey("count"))).isBetween(3.0, 4.0);
        }
    }

    @Test
    @Order(3)
    void aRestartResumesFromTheNewestWindowAndWritesNothingTwice() {
        long fiveBefore = points("reading_5m");
        long hourBefore = points("reading_1h");
        RollUps restarted = new RollUps(properties);
        RollUpJob again = new RollUpJob(
                restarted,
                new LateReadings(),
                influx,
                writer,
                properties,
                // the first pass's clock as far as its windows tell, so no window settles in between
                Clock.fixed(
                        rollUps.until(RollUpLevel.FIVE_MINUTES)
                                .plus(properties.rollUps().settle()),
                        ZoneOffset.UTC),
                new SimpleMeterRegistry());

        again.pass();

        assertThat(restarted.until(RollUpLevel.FIVE_MINUTES)).isEqualTo(rollUps.until(RollUpLevel.FIVE_MINUTES));
        assertThat(restarted.until(RollUpLevel.ONE_HOUR)).isEqualTo(rollUps.until(RollUpLevel.ONE_HOUR));
        assertThat(points("reading_5m")).isEqualTo(fiveBefore);
        assertThat(points("reading_1h")).isEqualTo(hourBefore);
        // 12 days of 5-minute windows for three sensors, a few more where a room or unit changed mid-window
        assertThat(fiveBefore).isBetween(3L * 12 * 288 - 3 * 288, 3L * 12 * 288 + 10);
    }

    @Test
    @Order(4)
    void aLateReadingHasItsWindowsRolledUpAgain() {
        try (TestReadings readings = new TestReadings(INFLUX.bucket())) {
            readings.add(DEVICE, "t", "temperature", "lab", "°C", 1000, LATE).write();
        }
        // read from the 5-minute roll-up, and from the hourly one
        GetSeriesRequest hours = chart(
                        Aggregate.AGGREGATE_MAX, LATE.minus(Duration.ofHours(6)), LATE.plus(Duration.ofHours(6)))
                .setWindow(Durations.fromHours(1))
                .build();
        GetSeriesRequest halfDays = chart(
                        Aggregate.AGGREGATE_MAX, LATE.minus(Duration.ofDays(2)), LATE.plus(Duration.ofDays(2)))
                .setWindow(Durations.fromHours(12))
                .build();
        assertThat(rollUps.reads(LATE.minus(Duration.ofHours(6)), LATE.plus(Duration.ofHours(6)), Duration.ofHours(1)))
                .extracting(read -> read.source().measurement())
                .contains("\"reading_5m\"");
        assertThat(rollUps.reads(LATE.minus(Duration.ofDays(2)), LATE.plus(Duration.ofDays(2)), Duration.ofHours(12)))
                .extracting(read -> read.source().measurement())
                .contains("\"reading_1h\"");
        assertThat(maxValue(hours)).isLessThan(1000);
        assertThat(maxValue(halfDays)).isLessThan(1000);

        late.stored(Timestamps.fromMillis(LATE.toEpochMilli()));
        job.pass();

        assertThat(maxValue(hours)).isEqualTo(1000);
        assertThat(maxValue(halfDays)).isEqualTo(1000);
    }

    @Test
    @Order(5)
    void rawReadingsOlderThanTheirKeepAreDeletedAndChartsOfThatTimeReadTheRollUps() {
        Instant hourAligned = FIRST.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        GetSeriesRequest oldDays = chart(Aggregate.AGGREGATE_BAND, hourAligned, hourAligned.plus(Duration.ofDays(6)))
                .setWindow(Durations.fromHours(6))
                .build();
        List<Series> before = answer(oldDays);
        long recentRaw = rawCount(NOW.minus(Duration.ofDays(5)).plus(Duration.ofMinutes(5)));

        job.applyRetention(NOW);

        assertThat(rawCount(Instant.EPOCH)).isEqualTo(rawCount(NOW.minus(Duration.ofDays(5))));
        assertThat(rawCount(NOW.minus(Duration.ofDays(5)).plus(Duration.ofMinutes(5))))
                .isEqualTo(recentRaw);
        // the room periods of those days come from the 5-minute roll-up's windows now
        assertSameSeries(answer(oldDays), before, oldDays, Duration.ofMinutes(5));
        GetSeriesRequest rawPoints = chart(Aggregate.AGGREGATE_RAW, hourAligned, hourAligned.plus(Duration.ofDays(1)))
                .build();
        assertThat(answer(rawPoints))
                .allSatisfy(one -> assertThat(one.getPointsList()).isEmpty());
    }

    private List<GetSeriesRequest> charts() {
        List<GetSeriesRequest> charts = new ArrayList<>();
        for (Aggregate aggregate : List.of(
                Aggregate.AGGREGATE_MEAN,
                Aggregate.AGGREGATE_MIN,
                Aggregate.AGGREGATE_MAX,
                Aggregate.AGGREGATE_COUNT,
                Aggregate.AGGREGATE_BAND)) {
            // the window chosen (5 min: raw readings), whole days (the hourly roll-up), hours (the 5-minute
            // one), 2 hours (the 5-minute one), 10 min (raw)
            charts.add(chart(aggregate, FIRST.plusSeconds(600), NOW).build());
            charts.add(chart(aggregate, FIRST.plusSeconds(1234), LAST)
                    .setWindow(Durations.fromHours(1))
                    .build());
            charts.add(chart(aggregate, FIRST.plusSeconds(600), NOW)
                    .setWindow(Durations.fromDays(1))
                    .build());
            charts.add(chart(aggregate, FIRST.plusSeconds(3 * 3600 + 59), LAST.minusSeconds(1234))
                    .setWindow(Durations.fromHours(2))
                    .build());
            charts.add(chart(aggregate, FIRST.plus(Duration.ofDays(4)), FIRST.plus(Duration.ofDays(6)))
                    .setWindow(Durations.fromMinutes(10))
                    .build());
        }
        return charts;
    }

    private static GetSeriesRequest.Builder chart(Aggregate aggregate, Instant start, Instant end) {
        return GetSeriesRequest.newBuilder()
                .addAllSensors(SENSORS)
                .setAggregate(aggregate)
                .setStart(Timestamps.fromMillis(start.toEpochMilli()))
                .setEnd(Timestamps.fromMillis(end.toEpochMilli()))
                .setMaxPoints(5000);
    }

    private static void assertSameRooms(List<RoomPeriod> found, List<RoomPeriod> expected, Duration to) {
        assertThat(found)
                .extracting(RoomPeriod::getRoom)
                .isEqualTo(expected.stream().map(RoomPeriod::getRoom).toList());
        for (int p = 0; p < expected.size(); p++) {
            long exact = expected.get(p).getStart().getSeconds();
            assertThat(found.get(p).getStart().getSeconds()).isBetween(exact - to.toSeconds() + 1, exact);
        }
    }

    private List<Series> answer(GetSeriesRequest request) {
        return series.get(request).getSeriesList();
    }

    private double maxValue(GetSeriesRequest request) {
        return answer(request).get(0).getPointsList().stream()
                .mapToDouble(Point::getValue)
                .max()
                .orElseThrow();
    }

    /**
     * Equal but for the last bits of means, which the roll-ups add up in another order, and for when a device
     * without a room changed location, which a roll-up knows to its window.
     */
    private static void assertSameSeries(
            List<Series> found, List<Series> expected, GetSeriesRequest chart, Duration roomsTo) {
        assertThat(found).as(chart.toString()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Series want = expected.get(i);
            Series got = found.get(i);
            assertThat(want.getPointsCount()).as("points of " + want.getKey()).isPositive();
            assertThat(got.toBuilder().clearPoints().clearRooms().build())
                    .isEqualTo(want.toBuilder().clearPoints().clearRooms().build());
            assertSameRooms(got.getRoomsList(), want.getRoomsList(), roomsTo);
            assertThat(got.getPointsCount()).as(chart + " " + want.getKey()).isEqualTo(want.getPointsCount());
            for (int p = 0; p < want.getPointsCount(); p++) {
                Point a = got.getPoints(p);
                Point b = want.getPoints(p);
                assertThat(a.getTime()).isEqualTo(b.getTime());
                assertThat(a.getValue()).isCloseTo(b.getValue(), within(1e-9 * Math.max(1, Math.abs(b.getValue()))));
                assertThat(a.getMin()).isCloseTo(b.getMin(), within(1e-9));
                assertThat(a.getMax()).isCloseTo(b.getMax(), within(1e-9));
            }
        }
    }

    private static long points(String measurement) {
        try (InfluxQlReader reader = InfluxQlReader.ofDevServices(INFLUX.bucket())) {
            return (long) number(reader.rows("SELECT count(\"count\") FROM \"" + measurement + "\"")
                    .get(0)
                    .getValueByKey("count"));
        }
    }

    private static long rawCount(Instant from) {
        try (InfluxQlReader reader = InfluxQlReader.ofDevServices(INFLUX.bucket())) {
            var rows = reader.rows("SELECT count(\"value\") FROM \"reading\" WHERE time >= " + nanos(from));
            return rows.isEmpty() ? 0 : (long) number(rows.get(0).getValueByKey("count"));
        }
    }

    private static double number(Object cell) {
        return Double.parseDouble(cell.toString());
    }

    private static String nanos(Instant time) {
        return time.getEpochSecond() + String.format("%09d", time.getNano());
    }

    private static SensorKey key(String sensor, String quantity) {
        return SensorKey.newBuilder()
                .setDeviceId(DEVICE)
                .setSensor(sensor)
                .setQuantity(quantity)
                .build();
    }
}
