package home.connected.ingest.decode;

import static home.connected.ingest.decode.Samples.RECEIVED_AT;
import static home.connected.ingest.decode.Samples.decode;
import static org.assertj.core.api.Assertions.assertThat;

import home.connected.contracts.Topics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every sample format, and realistic variants of it, decodes to exactly the expected readings. */
class SampleFormatsTest {

    private final TopicRoutingDecoder decoder = Samples.decoder();

    private Decoded decodeSample(String name) {
        Samples sample = Samples.load(name);
        return decoder.decode(sample.topic(), sample.payload(), RECEIVED_AT);
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void nativeJson() {
        Instant ts = at("2026-11-26T08:15:00.250Z");
        assertThat(decodeSample("native-json").readings())
                .containsExactly(
                        new Reading("pi-kitchen", "bme280", "temperature", 21.48, "°C", ts, "", "json"),
                        new Reading("pi-kitchen", "bme280", "humidity", 43.1, "%", ts, "", "json"),
                        new Reading("pi-kitchen", "bme280", "pressure", 1013.2, "hPa", ts, "", "json"));
    }

    @Test
    void nativeJsonSingleReadingWithEpochMillisAndLocation() {
        Decoded decoded = decode(
                decoder,
                Topics.readings("pi-hall"),
                "{\"sensor\":\"ds18b20\",\"quantity\":\"temperature\",\"value\":-3,\"unit\":\"°C\","
                        + "\"ts\":1795680000123,\"location\":\"hall\"}");
        assertThat(decoded.rejections()).isEmpty();
        assertThat(decoded.readings())
                .containsExactly(new Reading(
                        "pi-hall", "ds18b20", "temperature", -3, "°C", at("2026-11-26T08:00:00.123Z"), "hall", "json"));
    }

    @Test
    void nativeJsonWithoutTimestampsTakesMessageTimeThenReceiveTime() {
        Decoded decoded = decode(
                decoder,
                Topics.readings("pi-1"),
                "{\"location\":\"kitchen\",\"readings\":[{\"sensor\":\"s\",\"quantity\":\"co2\",\"value\":612},"
                        + "{\"sensor\":\"s\",\"quantity\":\"voc\",\"value\":1,\"location\":\"oven\","
                        + "\"ts\":\"2026-11-26T09:00:00+01:00\"}]}");
        assertThat(decoded.readings())
                .containsExactly(
                        new Reading("pi-1", "s", "co2", 612, "", RECEIVED_AT, "kitchen", "json"),
                        new Reading("pi-1", "s", "voc", 1, "", at("2026-11-26T08:00:00Z"), "oven", "json"));
    }

    @Test
    void senml() {
        String sensor = "urn:dev:mac:b827eb123456";
        assertThat(decodeSample("senml").readings())
                .containsExactly(
                        new Reading(
                                "pi-garage", sensor, "temperature", 7.5, "°C", at("2026-11-26T08:05:00Z"), "", "senml"),
                        new Reading(
                                "pi-garage",
                                sensor,
                                "humidity",
                                81.2,
                                "%",
                                at("2026-11-26T08:05:00.500Z"),
                                "",
                                "senml"));
    }

    @Test
    void senmlRelativeTimesBooleansBaseValuesAndStringsCounted() {
        Decoded decoded = decode(
                decoder,
                Topics.readings("pi-door"),
                "[{\"bn\":\"door/\",\"bu\":\"W\",\"bv\":100,\"n\":\"power\",\"v\":5,\"t\":-10},"
                        + "{\"n\":\"open\",\"vb\":true,\"u\":\"\"},"
                        + "{\"n\":\"label\",\"vs\":\"front\"},"
                        + "{\"bn\":\"\",\"bv\":0,\"n\":\"battery\",\"u\":\"%EL\",\"v\":88.5,\"t\":1795680300.25}]");
        assertThat(decoded.readings())
                .containsExactly(
                        new Reading("pi-door", "door", "power", 105, "W", RECEIVED_AT.minusSeconds(10), "", "senml"),
                        new Reading("pi-door", "door", "open", 1, "", RECEIVED_AT, "", "senml"),
                        new Reading(
                                "pi-door", "senml", "battery", 88.5, "%", at("2026-11-26T08:05:00.250Z"), "", "senml"));
        assertThat(decoded.rejections()).extracting(Rejection::reason).containsExactly(RejectReason.UNSUPPORTED_VALUE);
    }

    @Test
    void lineProtocol() {
        assertThat(decodeSample("line-protocol").readings())
                .containsExactly(new Reading(
                        "pi-cellar",
                        "ds18b20-28ff4a",
                        "temperature",
                        11.062,
                        "°C",
                        at("2026-11-26T08:05:00Z"),
                        "",
                        "line-protocol"));
    }

    @Test
    void lineProtocolEscapesIntegersBooleansSeveralFieldsAndLines() {
        Decoded decoded = decode(
                decoder,
                Topics.readings("pi-2"),
                "# comment line\n"
                        + "climate,location=attic,device=ignored,unit=% humidity=55i,window=t,note=\"a \\\"b\\\", c\" 1795680300000000001\r\n"
                        + "\n"
                        + "power_meter,sensor=sdm120 value=230.5,frequency=50u\n");
        Instant ns = at("2026-11-26T08:05:00.000000001Z");
        assertThat(decoded.readings())
                .containsExactly(
                        new Reading("pi-2", "climate", "humidity", 55, "%", ns, "attic", "line-protocol"),
                        new Reading("pi-2", "climate", "window", 1, "%", ns, "attic", "line-protocol"),
                        new Reading("pi-2", "sdm120", "power_meter", 230.5, "", RECEIVED_AT, "", "line-protocol"),
                        new Reading("pi-2", "sdm120", "frequency", 50, "", RECEIVED_AT, "", "line-protocol"));
        assertThat(decoded.rejections()).extracting(Rejection::reason).containsExactly(RejectReason.UNSUPPORTED_VALUE);
    }

    @Test
    void zigbee2mqtt() {
        Instant lastSeen = at("2026-11-26T08:01:12Z");
        assertThat(decodeSample("zigbee2mqtt").readings())
                .containsExactly(
                        new Reading("bedroom-climate", "zigbee", "battery", 97, "%", lastSeen, "", "zigbee2mqtt"),
                        new Reading("bedroom-climate", "zigbee", "humidity", 44.72, "%", lastSeen, "", "zigbee2mqtt"),
                        new Reading(
                                "bedroom-climate", "zigbee", "linkquality", 134, "lqi", lastSeen, "", "zigbee2mqtt"),
                        new Reading(
                                "bedroom-climate", "zigbee", "temperature", 19.34, "°C", lastSeen, "", "zigbee2mqtt"),
                        new Reading("bedroom-climate", "zigbee", "voltage", 3005, "mV", lastSeen, "", "zigbee2mqtt"));
    }

    @Test
    void zigbee2mqttBooleansEpochLastSeenAndNonReadingsSkipped() {
        Decoded decoded = decode(
                decoder,
                "zigbee2mqtt/Front door/contact",
                "{\"contact\":false,\"occupancy\":true,\"battery_low\":false,\"last_seen\":1795680000000,"
                        + "\"state\":\"ON\",\"update\":{\"state\":\"idle\"},\"power\":null,\"elapsed\":1200,"
                        + "\"update_available\":false,\"co2\":415}");
        Instant lastSeen = at("2026-11-26T08:00:00Z");
        String device = "Front_door-contact";
        assertThat(decoded.rejections()).isEmpty();
        assertThat(decoded.readings())
                .containsExactly(
                        new Reading(device, "zigbee", "contact", 0, "", lastSeen, "", "zigbee2mqtt"),
                        new Reading(device, "zigbee", "occupancy", 1, "", lastSeen, "", "zigbee2mqtt"),
                        new Reading(device, "zigbee", "battery_low", 0, "", lastSeen, "", "zigbee2mqtt"),
                        new Reading(device, "zigbee", "co2", 415, "ppm", lastSeen, "", "zigbee2mqtt"));
    }

    @Test
    void zigbee2mqttBridgeAndCommandTopicsAreIgnoredSilently() {
        for (String topic : new String[] {
            "zigbee2mqtt/bridge/state",
            "zigbee2mqtt/bridge/devices",
            "zigbee2mqtt/bedroom/climate/set",
            "zigbee2mqtt/bedroom/climate/get",
            "zigbee2mqtt/bedroom/climate/set/brightness",
            "zigbee2mqtt/bedroom/climate/availability"
        }) {
            Decoded decoded = decode(decoder, topic, "{\"state\":\"online\",\"temperature\":20}");
            assertThat(decoded.readings()).as(topic).isEmpty();
            assertThat(decoded.rejections()).as(topic).isEmpty();
        }
    }

    @Test
    void tasmota() {
        Instant time = at("2026-11-26T08:05:03Z");
        assertThat(decodeSample("tasmota").readings())
                .containsExactly(
                        new Reading("attic_th16", "AM2301", "temperature", 12.6, "°C", time, "", "tasmota"),
                        new Reading("attic_th16", "AM2301", "humidity", 62.4, "%", time, "", "tasmota"),
                        new Reading("attic_th16", "AM2301", "dew_point", 5.6, "°C", time, "", "tasmota"));
    }

    @Test
    void tasmotaFahrenheitSeveralSensorsAndEnergyChannels() {
        Decoded decoded = decode(
                decoder,
                "tele/shed/SENSOR",
                "{\"Time\":\"2026-11-26T09:00:00\",\"DS18B20-1\":{\"Id\":\"01144A0CB2AA\",\"Temperature\":50.1},"
                        + "\"BME280\":{\"Temperature\":68,\"Pressure\":29.9},"
                        + "\"ENERGY\":{\"TotalStartTime\":\"2026-01-01T00:00:00\",\"Total\":12.5,\"Power\":[10,20]},"
                        + "\"TempUnit\":\"F\",\"PressureUnit\":\"inHg\"}");
        Instant time = at("2026-11-26T08:00:00Z");
        assertThat(decoded.rejections()).isEmpty();
        assertThat(decoded.readings())
                .containsExactly(
                        new Reading("shed", "DS18B20-1", "temperature", 50.1, "°F", time, "", "tasmota"),
                        new Reading("shed", "BME280", "temperature", 68, "°F", time, "", "tasmota"),
                        new Reading("shed", "BME280", "pressure", 29.9, "inHg", time, "", "tasmota"),
                        new Reading("shed", "ENERGY", "total", 12.5, "kWh", time, "", "tasmota"),
                        new Reading("shed", "ENERGY", "power_1", 10, "W", time, "", "tasmota"),
                        new Reading("shed", "ENERGY", "power_2", 20, "W", time, "", "tasmota"));
    }

    @Test
    void esphome() {
        assertThat(decodeSample("esphome").readings())
                .containsExactly(
                        new Reading("livingroom-node", "livingroom_co2", "co2", 612, "", RECEIVED_AT, "", "esphome"));
    }

    @Test
    void homie() {
        assertThat(decodeSample("homie").readings())
                .containsExactly(
                        new Reading("boiler-room", "heater", "temperature", 58.25, "", RECEIVED_AT, "", "homie"));
    }

    @Test
    void homieTakesUnitFromRetainedUnitAttributeAndIgnoresOtherAttributes() {
        for (String attribute : new String[] {
            "homie/boiler-room/$state",
            "homie/boiler-room/$nodes",
            "homie/boiler-room/heater/$name",
            "homie/boiler-room/heater/temperature/$datatype",
            "homie/boiler-room/heater/temperature/set"
        }) {
            Decoded decoded = decode(decoder, attribute, "ready");
            assertThat(decoded.readings()).as(attribute).isEmpty();
            assertThat(decoded.rejections()).as(attribute).isEmpty();
        }
        assertThat(decode(decoder, "homie/boiler-room/heater/temperature/$unit", "°C")
                        .readings())
                .isEmpty();
        assertThat(decode(decoder, "homie/boiler-room/heater/temperature", "58.5")
                        .readings())
                .containsExactly(
                        new Reading("boiler-room", "heater", "temperature", 58.5, "°C", RECEIVED_AT, "", "homie"));
        assertThat(decode(decoder, "homie/boiler-room/heater/on", "true").readings())
                .containsExactly(new Reading("boiler-room", "heater", "on", 1, "", RECEIVED_AT, "", "homie"));
    }

    @Test
    void homieUnitMemoryIsBounded() {
        TopicRoutingDecoder smallMemory = new TopicRoutingDecoder(
                IngestTopics.defaults(), new DecodeProperties(null, null, null, Samples.TASMOTA_ZONE, 2));
        decode(smallMemory, "homie/a/n/p1/$unit", "W");
        decode(smallMemory, "homie/a/n/p2/$unit", "V");
        decode(smallMemory, "homie/a/n/p3/$unit", "A");
        assertThat(decode(smallMemory, "homie/a/n/p1", "1").readings().get(0).unit())
                .isEmpty();
        assertThat(decode(smallMemory, "homie/a/n/p3", "1").readings().get(0).unit())
                .isEqualTo("A");
    }
}
