package home.connected.piagent.sensor;

/** One value a sensor gave, in the unit our JSON format uses (°C, %, hPa, ...). */
public record Measurement(String quantity, double value, String unit) {}
