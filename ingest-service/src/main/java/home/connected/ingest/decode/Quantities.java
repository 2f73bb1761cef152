package home.connected.ingest.decode;

import java.util.Locale;
import java.util.Map;

/** Quantity names and the units third-party formats imply for them. */
final class Quantities {

    /** Zigbee2MQTT always reports these fields in these units (its exposes definitions). */
    private static final Map<String, String> ZIGBEE2MQTT_UNITS = Map.ofEntries(
            Map.entry("temperature", "°C"),
            Map.entry("device_temperature", "°C"),
            Map.entry("local_temperature", "°C"),
            Map.entry("humidity", "%"),
            Map.entry("soil_moisture", "%"),
            Map.entry("pressure", "hPa"),
            Map.entry("co2", "ppm"),
            Map.entry("voc", "ppb"),
            Map.entry("formaldehyd", "mg/m³"),
            Map.entry("pm25", "µg/m³"),
            Map.entry("pm10", "µg/m³"),
            Map.entry("illuminance", "lx"),
            Map.entry("illuminance_lux", "lx"),
            Map.entry("battery", "%"),
            Map.entry("voltage", "mV"),
            Map.entry("power", "W"),
            Map.entry("energy", "kWh"),
            Map.entry("current", "A"),
            Map.entry("linkquality", "lqi"));

    /** Words in ESPHome object ids that name a quantity ({@code livingroom_co2} → co2). */
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("temperature", "temperature"),
            Map.entry("temp", "temperature"),
            Map.entry("humidity", "humidity"),
            Map.entry("hum", "humidity"),
            Map.entry("pressure", "pressure"),
            Map.entry("co2", "co2"),
            Map.entry("voc", "voc"),
            Map.entry("tvoc", "voc"),
            Map.entry("illuminance", "illuminance"),
            Map.entry("lux", "illuminance"),
            Map.entry("battery", "battery"),
            Map.entry("voltage", "voltage"),
            Map.entry("power", "power"),
            Map.entry("energy", "energy"),
            Map.entry("current", "current"),
            Map.entry("pm25", "pm25"),
            Map.entry("pm10", "pm10"));

    /** Tasmota field names that are not simply their snake_case form. */
    private static final Map<String, String> TASMOTA_ALIASES =
            Map.of("CarbonDioxide", "co2", "eCO2", "co2", "TVOC", "voc");

    private Quantities() {}

    static String zigbee2mqttUnit(String quantity) {
        return ZIGBEE2MQTT_UNITS.getOrDefault(quantity, "");
    }

    /** The first word of an id (split at {@code _} and {@code -}) that names a quantity; else the id. */
    static String fromObjectId(String objectId) {
        int start = 0;
        while (start <= objectId.length()) {
            int end = start;
            while (end < objectId.length() && objectId.charAt(end) != '_' && objectId.charAt(end) != '-') {
                end++;
            }
            String quantity = WORDS.get(objectId.substring(start, end).toLowerCase(Locale.ROOT));
            if (quantity != null) {
                return quantity;
            }
            start = end + 1;
        }
        return objectId;
    }

    /** {@code DewPoint} → {@code dew_point}, {@code CarbonDioxide} → {@code co2}. */
    static String fromTasmotaField(String field) {
        String alias = TASMOTA_ALIASES.get(field);
        if (alias != null) {
            return alias;
        }
        StringBuilder snake = new StringBuilder(field.length() + 4);
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && !Character.isUpperCase(field.charAt(i - 1))) {
                    snake.append('_');
                }
                snake.append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }
}
