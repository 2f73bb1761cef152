package home.connected.agent.simulation;

/** What a simulated device measures, in the order devices get them, with the sensor that would measure it. */
enum SimulatedQuantity {
    TEMPERATURE("bme280", "temperature", "°C"),
    HUMIDITY("bme280", "humidity", "%"),
    CO2("scd41", "co2", "ppm"),
    PRESSURE("bme280", "pressure", "hPa");

    final String sensor;
    final String quantity;
    final String unit;

    SimulatedQuantity(String sensor, String quantity, String unit) {
        this.sensor = sensor;
        this.quantity = quantity;
        this.unit = unit;
    }
}
