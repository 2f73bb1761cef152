package home.connected.agent.simulation;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The simulated sensors mode.
 *
 * @param enabled off by default: a real agent reads real sensors
 * @param devices how many devices, named {@code {devicePrefix}001}, {@code 002}, ...
 * @param sensorsPerDevice how many of temperature, humidity, CO₂, pressure each device has (1-4, in that order)
 * @param interval time between two publishes of a device
 * @param gapProbability chance that a device skips a publish, as real sensors sometimes do
 * @param seed seeds every device's randomness, so a run can be repeated
 * @param devicePrefix prefix of the device ids
 * @param zone the time zone of the daily curves (default: the system's)
 */
@ConfigurationProperties("ch.agent.simulation")
record SimulationProperties(
        boolean enabled,
        Integer devices,
        Integer sensorsPerDevice,
        Duration interval,
        Double gapProbability,
        Long seed,
        String devicePrefix,
        ZoneId zone) {

    SimulationProperties {
        devices = devices != null ? devices : 3;
        sensorsPerDevice = sensorsPerDevice != null ? sensorsPerDevice : SimulatedQuantity.values().length;
        interval = interval != null ? interval : Duration.ofSeconds(10);
        gapProbability = gapProbability != null ? gapProbability : 0.02;
        seed = seed != null ? seed : 42L;
        devicePrefix = devicePrefix != null ? devicePrefix : "sim-";
        zone = zone != null ? zone : ZoneId.systemDefault();
        if (devices < 1 || sensorsPerDevice < 1 || sensorsPerDevice > SimulatedQuantity.values().length) {
            throw new IllegalArgumentException(
                    "ch.agent.simulation: devices must be at least 1 and sensors-per-device 1 to "
                            + SimulatedQuantity.values().length);
        }
        if (interval.isNegative() || interval.isZero() || gapProbability < 0 || gapProbability > 1) {
            throw new IllegalArgumentException(
                    "ch.agent.simulation: interval must be positive and gap-probability between 0 and 1");
        }
    }

    String deviceId(int index) {
        return devicePrefix + String.format("%03d", index + 1);
    }
}
