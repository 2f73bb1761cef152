package home.connected.ingest.decode;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Tasmota telemetry on {@code tele/{topic}/SENSOR}: one object per sensor model
 * ({@code "AM2301":{"Temperature":12.6,...}}, {@code "DS18B20-1":{...}}, {@code "ENERGY":{...}}).
 * The model is the sensor, each numeric field a quantity in snake_case ({@code DewPoint} →
 * {@code dew_point}); arrays of numbers (multi-channel meters) give {@code power_1}, {@code power_2}....
 * Strings (sensor ids) are skipped. {@code Time} is local time without a zone, read in the
 * configured zone ({@code ch.ingest.decode.local-zone}); units come from {@code TempUnit} and
 * {@code PressureUnit}, and from Tasmota's fixed units for the rest.
 */
final class TasmotaDecoder implements FormatDecoder {

    static final String SOURCE = "tasmota";
    private static final Map<String, String> FIXED_UNITS = Map.ofEntries(
            Map.entry("Humidity", "%"),
            Map.entry("Illuminance", "lx"),
            Map.entry("CarbonDioxide", "ppm"),
            Map.entry("eCO2", "ppm"),
            Map.entry("TVOC", "ppb"),
            Map.entry("Voltage", "V"),
            Map.entry("Current", "A"),
            Map.entry("Power", "W"),
            Map.entry("ApparentPower", "VA"),
            Map.entry("ReactivePower", "var"),
            Map.entry("Total", "kWh"),
            Map.entry("Today", "kWh"),
            Map.entry("Yesterday", "kWh"));

    private final ZoneId localZone;

    TasmotaDecoder(ZoneId localZone) {
        this.localZone = localZone;
    }

    @Override
    public void decode(String topic, String payload, Instant receivedAt, ReadingCollector out) {
        JsonNode message = Json.parse(payload);
        if (!message.isObject()) {
            throw new Refusal(RejectReason.WRONG_TYPE, "telemetry is not an object");
        }
        String deviceId = Names.sanitize(Topics.betweenFirstAndLast(topic));
        String time = Json.optionalString(message, "Time", null);
        Instant at = time == null ? receivedAt : Timestamps.parseLocal(time, localZone);
        String temperatureUnit = "F".equals(Json.optionalString(message, "TempUnit", "C")) ? "°F" : "°C";
        String pressureUnit = Json.optionalString(message, "PressureUnit", "hPa");
        for (Map.Entry<String, JsonNode> sensor : message.properties()) {
            if (!sensor.getValue().isObject()) {
                continue;
            }
            for (Map.Entry<String, JsonNode> field : sensor.getValue().properties()) {
                String name = field.getKey();
                String unit = switch (name) {
                    case "Temperature", "DewPoint" -> temperatureUnit;
                    case "Pressure", "SeaPressure" -> pressureUnit;
                    default -> FIXED_UNITS.getOrDefault(name, "");
                };
                Reading template = new Reading(
                        deviceId, sensor.getKey(), Quantities.fromTasmotaField(name), 0, unit, at, "", SOURCE);
                out.attempt(sensor.getKey(), name, () -> addField(template, field.getValue(), out));
            }
        }
    }

    private static void addField(Reading template, JsonNode value, ReadingCollector out) {
        if (value.isNumber()) {
            out.add(withValue(template, template.quantity(), Json.number(value, template.quantity())));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                String quantity = template.quantity() + "_" + (i + 1);
                out.add(withValue(template, quantity, Json.number(value.get(i), quantity)));
            }
        }
    }

    private static Reading withValue(Reading template, String quantity, double value) {
        return new Reading(
                template.deviceId(),
                template.sensor(),
                quantity,
                value,
                template.unit(),
                template.time(),
                template.location(),
                template.sourceFormat());
    }
}
