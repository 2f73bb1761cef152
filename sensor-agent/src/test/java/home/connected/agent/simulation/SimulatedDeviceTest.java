package home.connected.agent.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import home.connected.agent.publish.AgentReading;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulatedDeviceTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant MIDNIGHT =
            ZonedDateTime.of(2026, 11, 26, 0, 0, 0, 0, ZONE).toInstant();
    private static final List<SimulatedQuantity> ALL = List.of(SimulatedQuantity.values());

    private static SimulatedDevice device(Duration interval, double gapProbability, long seed) {
        return new SimulatedDevice("sim-001", ALL, interval, gapProbability, ZONE, seed);
    }

    /** Samples every {@code step} for {@code days}, keyed by local hour, values by quantity. */
    private static List<Map<String, Double>> run(SimulatedDevice device, Duration step, int days) {
        List<Map<String, Double>> samples = new ArrayList<>();
        for (Instant t = MIDNIGHT; t.isBefore(MIDNIGHT.plus(Duration.ofDays(days))); t = t.plus(step)) {
            List<AgentReading> readings = device.sample(t);
            samples.add(readings.stream().collect(Collectors.toMap(AgentReading::quantity, AgentReading::value)));
        }
        return samples;
    }

    @Test
    void temperatureFollowsTheLocalTimeOfDay() {
        List<Map<String, Double>> day = run(device(Duration.ofMinutes(5), 0, 1), Duration.ofMinutes(5), 1);
        // 12 samples per hour: 01:00-05:00 is the night, 13:00-17:00 the afternoon
        double night = average(day.subList(12, 60), "temperature");
        double afternoon = average(day.subList(13 * 12, 17 * 12), "temperature");
        assertThat(afternoon - night).isBetween(3.0, 6.0);
        int warmestSample = 0;
        for (int i = 0; i < day.size(); i++) {
            if (day.get(i).get("temperature") > day.get(warmestSample).get("temperature")) {
                warmestSample = i;
            }
        }
        assertThat(warmestSample / 12.0).as("hour of the warmest sample").isBetween(12.0, 18.0);
    }

    @Test
    void everySignalStaysInItsRealisticRangeForAWeek() {
        List<Map<String, Double>> week = run(device(Duration.ofMinutes(1), 0, 7), Duration.ofMinutes(1), 7);
        assertThat(week).allSatisfy(sample -> {
            assertThat(sample.get("temperature")).isBetween(14.0, 28.0);
            assertThat(sample.get("humidity")).isBetween(15.0, 95.0);
            assertThat(sample.get("co2")).isBetween(380.0, 1500.0);
            assertThat(sample.get("pressure")).isBetween(990.0, 1036.0);
        });
    }

    @Test
    void humidityFallsWhenTemperatureRises() {
        List<Map<String, Double>> day = run(device(Duration.ofMinutes(5), 0, 3), Duration.ofMinutes(5), 2);
        assertThat(correlation(day, "temperature", "humidity")).isLessThan(-0.7);
    }

    @Test
    void co2RisesWithOccupancyAndFallsBackTowardsOutdoorLevels() {
        List<Map<String, Double>> days = run(device(Duration.ofMinutes(5), 0, 4), Duration.ofMinutes(5), 3);
        double min = days.stream().mapToDouble(s -> s.get("co2")).min().orElseThrow();
        double max = days.stream().mapToDouble(s -> s.get("co2")).max().orElseThrow();
        assertThat(min).isLessThan(500);
        assertThat(max).isGreaterThan(750);
    }

    @Test
    void pressureDriftsSlowly() {
        List<Map<String, Double>> day = run(device(Duration.ofMinutes(1), 0, 5), Duration.ofMinutes(1), 1);
        for (int i = 1; i < day.size(); i++) {
            assertThat(day.get(i).get("pressure")).isCloseTo(day.get(i - 1).get("pressure"), within(1.0));
        }
    }

    @Test
    void signalsAreNoisy() {
        List<Map<String, Double>> hour = run(device(Duration.ofSeconds(10), 0, 6), Duration.ofSeconds(10), 1)
                .subList(0, 360);
        assertThat(hour.stream().map(s -> s.get("temperature")).distinct().count())
                .isGreaterThan(50);
    }

    @Test
    void skipsPublishesAtTheConfiguredRate() {
        SimulatedDevice device = device(Duration.ofSeconds(10), 0.1, 7);
        int gaps = 0;
        for (int i = 0; i < 20_000; i++) {
            if (device.sample(MIDNIGHT.plusSeconds(10L * i)).isEmpty()) {
                gaps++;
            }
        }
        assertThat(gaps / 20_000.0).isBetween(0.09, 0.11);
        SimulatedDevice reliable = device(Duration.ofSeconds(10), 0, 7);
        for (int i = 0; i < 1_000; i++) {
            assertThat(reliable.sample(MIDNIGHT.plusSeconds(10L * i))).hasSize(4);
        }
    }

    @Test
    void sameSeedSameSignals() {
        List<Map<String, Double>> first = run(device(Duration.ofMinutes(5), 0.05, 11), Duration.ofMinutes(5), 1);
        List<Map<String, Double>> again = run(device(Duration.ofMinutes(5), 0.05, 11), Duration.ofMinutes(5), 1);
        List<Map<String, Double>> other = run(device(Duration.ofMinutes(5), 0.05, 12), Duration.ofMinutes(5), 1);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void devicesGetTheFirstQuantitiesInOrderWithSensorsAndUnits() {
        SimulatedDevice device = new SimulatedDevice("sim-002", ALL.subList(0, 3), Duration.ofSeconds(10), 0, ZONE, 1);
        assertThat(device.sample(MIDNIGHT))
                .extracting(AgentReading::sensor, AgentReading::quantity, AgentReading::unit, AgentReading::time)
                .containsExactly(
                        tuple("bme280", "temperature", "°C", MIDNIGHT),
                        tuple("bme280", "humidity", "%", MIDNIGHT),
                        tuple("scd41", "co2", "ppm", MIDNIGHT));
    }

    private static double average(List<Map<String, Double>> samples, String quantity) {
        return samples.stream().mapToDouble(s -> s.get(quantity)).average().orElseThrow();
    }

    private static double correlation(List<Map<String, Double>> samples, String a, String b) {
        double meanA = average(samples, a);
        double meanB = average(samples, b);
        double covariance = 0;
        double varianceA = 0;
        double varianceB = 0;
        for (Map<String, Double> sample : samples) {
            double da = sample.get(a) - meanA;
            double db = sample.get(b) - meanB;
            covariance += da * db;
            varianceA += da * da;
            varianceB += db * db;
        }
        return covariance / Math.sqrt(varianceA * varianceB);
    }
}
