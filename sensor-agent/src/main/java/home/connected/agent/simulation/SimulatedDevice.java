package home.connected.agent.simulation;

import home.connected.agent.publish.AgentReading;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The signals of one simulated room, sampled at any instant:
 *
 * <ul>
 *   <li>temperature: a daily sinusoid over local time (coldest 03:00, warmest 15:00, ±2.5 °C around
 *       a per-device base) plus noise;
 *   <li>humidity: anticorrelated with the temperature's swing, plus noise;
 *   <li>CO₂: relaxes towards 420 ppm when the room is empty and towards 900-1,400 ppm when occupied;
 *       occupancy is redrawn about every 20 minutes, likelier mornings and evenings;
 *   <li>pressure: a slow mean-reverting random walk around 1013 hPa.
 * </ul>
 *
 * Each sample is skipped with the gap probability (state still advances). Not thread-safe: one
 * device is sampled by one thread.
 */
final class SimulatedDevice {

    private static final double OUTDOOR_CO2 = 420;
    private static final double CO2_TIME_CONSTANT_MINUTES = 20;
    private static final double OCCUPANCY_REDRAW_MINUTES = 20;

    private final String deviceId;
    private final List<SimulatedQuantity> quantities;
    private final Duration interval;
    private final double gapProbability;
    private final ZoneId zone;
    private final Random random;
    private final double baseTemperature;
    private final double occupiedCo2;

    private Instant last;
    private boolean occupied;
    private double co2 = OUTDOOR_CO2;
    private double pressure;

    SimulatedDevice(
            String deviceId,
            List<SimulatedQuantity> quantities,
            Duration interval,
            double gapProbability,
            ZoneId zone,
            long seed) {
        this.deviceId = deviceId;
        this.quantities = List.copyOf(quantities);
        this.interval = interval;
        this.gapProbability = gapProbability;
        this.zone = zone;
        this.random = new Random(seed);
        this.baseTemperature = 19.5 + random.nextDouble() * 3;
        this.occupiedCo2 = 900 + random.nextDouble() * 500;
        this.pressure = 1005 + random.nextDouble() * 16;
    }

    String deviceId() {
        return deviceId;
    }

    /** The readings at {@code now}, or none when this sample is a gap. */
    List<AgentReading> sample(Instant now) {
        double minutes = minutesSinceLast(now);
        double temperature = temperature(now);
        double humidity = humidity(temperature);
        double co2 = advanceCo2(now, minutes);
        double pressure = advancePressure(minutes);
        if (random.nextDouble() < gapProbability) {
            return List.of();
        }
        List<AgentReading> readings = new ArrayList<>(quantities.size());
        for (SimulatedQuantity quantity : quantities) {
            double value = switch (quantity) {
                case TEMPERATURE -> round(temperature, 100);
                case HUMIDITY -> round(humidity, 10);
                case CO2 -> Math.round(co2);
                case PRESSURE -> round(pressure, 10);
            };
            readings.add(new AgentReading(quantity.sensor, quantity.quantity, value, quantity.unit, now));
        }
        return readings;
    }

    private double minutesSinceLast(Instant now) {
        Duration elapsed = last == null ? interval : Duration.between(last, now);
        last = now;
        return Math.max(0, elapsed.toMillis() / 60_000.0);
    }

    private double temperature(Instant now) {
        double hour = hourOfDay(now);
        return baseTemperature + 2.5 * Math.sin(2 * Math.PI * (hour - 9) / 24) + random.nextGaussian() * 0.15;
    }

    private double humidity(double temperature) {
        double value = 48 - 2.5 * (temperature - baseTemperature) + random.nextGaussian() * 0.8;
        return Math.min(95, Math.max(15, value));
    }

    private double advanceCo2(Instant now, double minutes) {
        if (random.nextDouble() < Math.min(1, minutes / OCCUPANCY_REDRAW_MINUTES)) {
            occupied = random.nextDouble() < occupancyLikelihood(hourOfDay(now));
        }
        double target = occupied ? occupiedCo2 : OUTDOOR_CO2;
        co2 += (target - co2) * (1 - Math.exp(-minutes / CO2_TIME_CONSTANT_MINUTES));
        return Math.max(OUTDOOR_CO2 - 20, co2 + random.nextGaussian() * 5);
    }

    private double advancePressure(double minutes) {
        pressure += random.nextGaussian() * 0.03 * Math.sqrt(minutes) + (1013 - pressure) * 0.0005 * minutes;
        return pressure + random.nextGaussian() * 0.05;
    }

    private static double occupancyLikelihood(double hour) {
        if ((hour >= 7 && hour < 9) || (hour >= 17 && hour < 23)) {
            return 0.85;
        }
        return hour >= 23 || hour < 7 ? 0.6 : 0.2;
    }

    private double hourOfDay(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        return local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
