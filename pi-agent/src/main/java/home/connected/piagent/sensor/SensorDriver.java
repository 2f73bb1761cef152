package home.connected.piagent.sensor;

import java.io.IOException;
import java.util.List;

/**
 * One physical sensor. {@link #read} takes a measurement now and returns every quantity the sensor
 * gives (a BME280: temperature, humidity, pressure). A failed read throws: it is never reported as
 * a value.
 */
public interface SensorDriver {

    List<Measurement> read() throws IOException;
}
