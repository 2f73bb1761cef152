package home.connected.piagent.sensor;

/** One value a sensor gave, in the unit our JSON format uses (°C, %, hPa, ...). */
public record Measurement(String quantity, double value, String unit) {

    public static Measurement temperature(double celsius) {
        return new Measurement("temperature", celsius, "°C");
    }

    /** Relative humidity. */
    public static Measurement humidity(double percent) {
        return new Measurement("humidity", percent, "%");
    }

    public static Measurement pressure(double hectopascals) {
        return new Measurement("pressure", hectopascals, "hPa");
    }
}
