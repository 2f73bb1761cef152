package home.connected.ingest.decode;

import static home.connected.ingest.decode.RejectReason.INVALID_NAME;
import static home.connected.ingest.decode.RejectReason.INVALID_UNIT;
import static home.connected.ingest.decode.RejectReason.INVALID_UTF8;
import static home.connected.ingest.decode.RejectReason.MALFORMED;
import static home.connected.ingest.decode.RejectReason.MISSING_FIELD;
import static home.connected.ingest.decode.RejectReason.NOT_FINITE;
import static home.connected.ingest.decode.RejectReason.OVERSIZED;
import static home.connected.ingest.decode.RejectReason.TIMESTAMP_OUT_OF_RANGE;
import static home.connected.ingest.decode.RejectReason.UNKNOWN_TOPIC;
import static home.connected.ingest.decode.RejectReason.UNSUPPORTED_VALUE;
import static home.connected.ingest.decode.RejectReason.WRONG_TYPE;
import static home.connected.ingest.decode.Samples.RECEIVED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import home.connected.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.unit.DataSize;

/** Malformed and hostile input is refused with the right reason; valid readings next to it survive. */
class HostileInputTest {

    private static final String OURS = Topics.readings("pi-1");

    private final TopicRoutingDecoder decoder = Samples.decoder();

    /** One hostile message: what it is, where it arrives, and what must come out. */
    record Case(String name, String topic, byte[] payload, int validReadings, List<RejectReason> reasons) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case text(String name, String topic, String payload, int valid, RejectReason... reasons) {
        return new Case(name, topic, payload.getBytes(StandardCharsets.UTF_8), valid, List.of(reasons));
    }

    private static Case bytes(String name, String topic, byte[] payload, RejectReason reason) {
        return new Case(name, topic, payload, 0, List.of(reason));
    }

    /** Our JSON with one reading whose fields are given as raw JSON text. */
    private static Case reading(String name, String fields, RejectReason reason) {
        return text(name, OURS, "{\"readings\":[{" + fields + "}]}", 0, reason);
    }

    private static String valid(String quantity) {
        return "{\"sensor\":\"s\",\"quantity\":\"" + quantity + "\",\"value\":1}";
    }

    static Stream<Case> corpus() {
        String ok = "\"sensor\":\"s\",\"quantity\":\"q\",\"value\":1";
        return Stream.of(
                // refused unread
                bytes("oversized", OURS, ("{\"x\":\"" + "a".repeat(64 * 1024) + "\"}").getBytes(), OVERSIZED),
                bytes("invalid UTF-8", OURS, new byte[] {'{', (byte) 0xC3, '(', '}'}, INVALID_UTF8),
                bytes("overlong UTF-8 slash", OURS, new byte[] {'m', (byte) 0xC0, (byte) 0xAF}, INVALID_UTF8),
                bytes("UTF-8 surrogate", OURS, new byte[] {'m', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, INVALID_UTF8),
                text("unknown topic", "somewhere/else", "{}", 0, UNKNOWN_TOPIC),
                text("system topic", "$SYS/broker/uptime", "12", 0, UNKNOWN_TOPIC),
                // broken JSON
                text("empty payload", OURS, "", 0, MALFORMED),
                text("blank payload", OURS, " \n\t", 0, MALFORMED),
                text("truncated JSON", OURS, "{\"readings\":[{\"sensor\":\"s\"", 0, MALFORMED),
                text("trailing garbage", OURS, "{" + ok + "} x", 0, MALFORMED),
                text("deep nesting", OURS, "[".repeat(600) + "]".repeat(600), 0, MALFORMED),
                text("2000-digit number", OURS, "{" + ok.replace("1", "1" + "0".repeat(2000)) + "}", 0, MALFORMED),
                text("byte order mark", OURS, "\uFEFF{" + ok + "}", 0, MALFORMED),
                text("NUL bytes", OURS, "\0\0\0", 0, MALFORMED),
                // wrong shapes and types
                text("readings not an array", OURS, "{\"readings\":{}}", 0, WRONG_TYPE),
                text("empty readings", OURS, "{\"readings\":[]}", 0, MISSING_FIELD),
                text("reading not an object", OURS, "{\"readings\":[42]}", 0, WRONG_TYPE),
                text("location a number", OURS, "{\"location\":7,\"readings\":[{" + ok + "}]}", 0, WRONG_TYPE),
                reading("value a string", "\"sensor\":\"s\",\"quantity\":\"q\",\"value\":\"21.5\"", WRONG_TYPE),
                reading("value a boolean", "\"sensor\":\"s\",\"quantity\":\"q\",\"value\":true", WRONG_TYPE),
                reading("value an object", "\"sensor\":\"s\",\"quantity\":\"q\",\"value\":{}", WRONG_TYPE),
                reading("sensor a number", "\"sensor\":280,\"quantity\":\"q\",\"value\":1", WRONG_TYPE),
                reading("ts a boolean", ok + ",\"ts\":true", WRONG_TYPE),
                reading("no quantity", "\"sensor\":\"s\",\"value\":1", MISSING_FIELD),
                reading("value null", "\"sensor\":\"s\",\"quantity\":\"q\",\"value\":null", MISSING_FIELD),
                // numbers
                reading("NaN", "\"sensor\":\"s\",\"quantity\":\"q\",\"value\":NaN", NOT_FINITE),
                reading("Infinity", "\"sensor\":\"s\",\"quantity\":\"q\",\"value\":-Infinity", NOT_FINITE),
                reading("1e999", "\"sensor\":\"s\",\"quantity\":\"q\",\"value\":1e999", NOT_FINITE),
                reading(
                        "huge integer",
                        "\"sensor\":\"s\",\"quantity\":\"q\",\"value\":1" + "0".repeat(400),
                        NOT_FINITE),
                // timestamps
                reading("year 2100", ok + ",\"ts\":\"2100-01-01T00:00:00Z\"", TIMESTAMP_OUT_OF_RANGE),
                reading("two days ahead", ok + ",\"ts\":\"2026-11-28T09:10:01Z\"", TIMESTAMP_OUT_OF_RANGE),
                reading("epoch zero", ok + ",\"ts\":0", TIMESTAMP_OUT_OF_RANGE),
                reading("year 1999", ok + ",\"ts\":\"1999-12-31T23:59:59Z\"", TIMESTAMP_OUT_OF_RANGE),
                reading("ts 1e300", ok + ",\"ts\":1e300", TIMESTAMP_OUT_OF_RANGE),
                reading("ts negative", ok + ",\"ts\":-5", TIMESTAMP_OUT_OF_RANGE),
                reading("ts unreadable", ok + ",\"ts\":\"yesterday\"", MALFORMED),
                reading("ts without zone", ok + ",\"ts\":\"2026-11-26T08:00:00\"", MALFORMED),
                // names that would break a line-protocol write or a query
                reading("quote in sensor", "\"sensor\":\"bme\\\"280\",\"quantity\":\"q\",\"value\":1", INVALID_NAME),
                reading("newline in sensor", "\"sensor\":\"a\\nb\",\"quantity\":\"q\",\"value\":1", INVALID_NAME),
                reading("comma in quantity", "\"sensor\":\"s\",\"quantity\":\"t,x=1\",\"value\":1", INVALID_NAME),
                reading("equals in quantity", "\"sensor\":\"s\",\"quantity\":\"a=b\",\"value\":1", INVALID_NAME),
                reading("backslash in sensor", "\"sensor\":\"a\\\\\",\"quantity\":\"q\",\"value\":1", INVALID_NAME),
                reading("space in location", ok + ",\"location\":\"living room\"", INVALID_NAME),
                reading("InfluxQL in location", ok + ",\"location\":\"x' OR 1=1 --\"", INVALID_NAME),
                reading("empty sensor", "\"sensor\":\"\",\"quantity\":\"q\",\"value\":1", INVALID_NAME),
                reading(
                        "65-char sensor",
                        "\"sensor\":\"" + "s".repeat(65) + "\",\"quantity\":\"q\",\"value\":1",
                        INVALID_NAME),
                reading("non-ASCII sensor", "\"sensor\":\"bme280é\",\"quantity\":\"q\",\"value\":1", INVALID_NAME),
                text("equals in topic device", Topics.readings("a=b"), valid("q"), 0, INVALID_NAME),
                reading("long unit", ok + ",\"unit\":\"" + "u".repeat(17) + "\"", INVALID_UNIT),
                reading("newline in unit", ok + ",\"unit\":\"C\\n\"", INVALID_UNIT),
                reading("comma in unit", ok + ",\"unit\":\"a,b=c\"", INVALID_UNIT),
                // line protocol
                text("lp escaped comma injection", OURS, "m,sensor=a\\,b value=1", 0, INVALID_NAME),
                text("lp escaped space injection", OURS, "m,sensor=x\\ y value=1", 0, INVALID_NAME),
                text("lp escaped equals in field key", OURS, "m,sensor=s a\\=b=1", 0, INVALID_NAME),
                text("lp quote in measurement", OURS, "m\"x value=1", 0, INVALID_NAME),
                text(
                        "lp newline smuggles a point",
                        OURS,
                        "m,sensor=s value=1\nm,sensor=evil\" value=2",
                        1,
                        INVALID_NAME),
                text("lp unterminated string", OURS, "m,sensor=s note=\"abc", 0, MALFORMED),
                text("lp bad field value", OURS, "m,sensor=s value=abc", 0, MALFORMED),
                text("lp hex field value", OURS, "m,sensor=s value=0x10", 0, MALFORMED),
                text("lp NaN field", OURS, "m,sensor=s value=NaN", 0, NOT_FINITE),
                text("lp fractional timestamp", OURS, "m,sensor=s value=1 1.5", 0, MALFORMED),
                text(
                        "lp timestamp overflow",
                        OURS,
                        "m,sensor=s value=1 99999999999999999999",
                        0,
                        TIMESTAMP_OUT_OF_RANGE),
                text("lp timestamp in seconds", OURS, "m,sensor=s value=1 1795680300", 0, TIMESTAMP_OUT_OF_RANGE),
                text("lp no fields", OURS, "measurement", 0, MALFORMED),
                text("lp empty tag value", OURS, "m,sensor= value=1", 0, MALFORMED),
                text("lp string field", OURS, "m,sensor=s note=\"hi\"", 0, UNSUPPORTED_VALUE),
                // SenML
                text("senml empty", OURS, "[]", 0, MISSING_FIELD),
                text("senml string value", OURS, "[{\"n\":\"label\",\"vs\":\"x\"}]", 0, UNSUPPORTED_VALUE),
                text("senml no value", OURS, "[{\"n\":\"t\",\"u\":\"Cel\"}]", 0, MISSING_FIELD),
                text("senml no name", OURS, "[{\"v\":1}]", 0, MISSING_FIELD),
                text("senml vb a string", OURS, "[{\"n\":\"open\",\"vb\":\"yes\"}]", 0, WRONG_TYPE),
                text("senml record a string", OURS, "[\"t\"]", 0, WRONG_TYPE),
                text("senml quote in name", OURS, "[{\"n\":\"te\\\"mp\",\"v\":1}]", 0, INVALID_NAME),
                text("senml year 2200", OURS, "[{\"n\":\"t\",\"v\":1,\"t\":7258118400}]", 0, TIMESTAMP_OUT_OF_RANGE),
                // third-party formats
                text("z2m array", "zigbee2mqtt/plug", "[1,2]", 0, WRONG_TYPE),
                text("z2m plain text", "zigbee2mqtt/plug", "online", 0, MALFORMED),
                text(
                        "z2m last_seen unreadable",
                        "zigbee2mqtt/plug",
                        "{\"power\":5,\"last_seen\":\"soon\"}",
                        0,
                        MALFORMED),
                text(
                        "z2m quote in name",
                        "zigbee2mqtt/bad\"name",
                        "{\"power\":5,\"energy\":2}",
                        0,
                        INVALID_NAME,
                        INVALID_NAME),
                text(
                        "tasmota without NTP",
                        "tele/plug/SENSOR",
                        "{\"Time\":\"1970-01-01T00:00:10\",\"AM2301\":{\"Temperature\":20}}",
                        0,
                        TIMESTAMP_OUT_OF_RANGE),
                text("tasmota not an object", "tele/plug/SENSOR", "42", 0, WRONG_TYPE),
                text(
                        "tasmota bad Time",
                        "tele/plug/SENSOR",
                        "{\"Time\":\"noon\",\"AM2301\":{\"Temperature\":20}}",
                        0,
                        MALFORMED),
                text("esphome nan", "node/sensor/t/state", "nan", 0, NOT_FINITE),
                text("esphome text", "node/sensor/t/state", "unknown", 0, UNSUPPORTED_VALUE),
                text("esphome hex", "node/sensor/t/state", "0x10", 0, UNSUPPORTED_VALUE),
                text("esphome Java suffix", "node/sensor/t/state", "1d", 0, UNSUPPORTED_VALUE),
                text("homie enum value", "homie/dev/node/mode", "auto", 0, UNSUPPORTED_VALUE),
                text("homie equals in node", "homie/dev/no=de/t", "1", 0, INVALID_NAME),
                // mixed messages: the valid readings survive
                text(
                        "mixed NaN among valid",
                        OURS,
                        "{\"readings\":[" + valid("a") + ",{\"sensor\":\"s\",\"quantity\":\"b\",\"value\":NaN},"
                                + valid("c") + "]}",
                        2,
                        NOT_FINITE),
                text(
                        "mixed names and types",
                        OURS,
                        "{\"readings\":[" + valid("a") + ",{\"sensor\":\"s\",\"quantity\":\"b c\",\"value\":1},"
                                + "{\"sensor\":\"s\",\"quantity\":\"d\",\"value\":\"1\"}," + valid("e") + "]}",
                        2,
                        INVALID_NAME,
                        WRONG_TYPE),
                text(
                        "mixed SenML",
                        OURS,
                        "[{\"n\":\"a\",\"v\":1},{\"n\":\"b\",\"vs\":\"x\"},{\"n\":\"c\",\"v\":Infinity},"
                                + "{\"n\":\"d\",\"v\":2}]",
                        2,
                        UNSUPPORTED_VALUE,
                        NOT_FINITE),
                text("mixed line protocol", OURS, "m,sensor=s value=1\nbroken line\nm,sensor=s value=2", 2, MALFORMED),
                text(
                        "mixed tasmota",
                        "tele/plug/SENSOR",
                        "{\"AM2301\":{\"Temperature\":20,\"Humidity\":1e999},\"X\":{\"Power\":[1,\"a\"]}}",
                        2,
                        NOT_FINITE,
                        WRONG_TYPE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusesWithTheRightReason(Case hostile) {
        Decoded decoded = decoder.decode(hostile.topic(), hostile.payload(), RECEIVED_AT);

        assertThat(decoded.rejections())
                .extracting(Rejection::reason)
                .containsExactlyInAnyOrderElementsOf(hostile.reasons());
        assertThat(decoded.readings()).hasSize(hostile.validReadings());
        assertThat(decoded.rejections())
                .allSatisfy(
                        rejection -> assertThat(rejection.detail()).isNotBlank().doesNotContain("\n"));
    }

    @Test
    void corpusIsLargeEnough() {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void mixedMessageKeepsExactlyTheValidReadings() {
        Decoded decoded = Samples.decode(
                decoder,
                OURS,
                "{\"readings\":[" + valid("a") + ",{\"sensor\":\"s\\\"\",\"quantity\":\"b\",\"value\":1}," + valid("c")
                        + "]}");
        assertThat(decoded.readings())
                .containsExactly(
                        new Reading("pi-1", "s", "a", 1, "", RECEIVED_AT, "", "json"),
                        new Reading("pi-1", "s", "c", 1, "", RECEIVED_AT, "", "json"));
    }

    @Test
    void payloadLimitIsConfigurable() {
        TopicRoutingDecoder strict = new TopicRoutingDecoder(
                IngestTopics.defaults(),
                new DecodeProperties(DataSize.ofBytes(10), null, null, Samples.TASMOTA_ZONE, null));
        assertThat(Samples.decode(strict, "node/sensor/t/state", "1234567890").readings())
                .hasSize(1);
        assertThat(Samples.decode(strict, "node/sensor/t/state", "12345678901").rejections())
                .extracting(Rejection::reason)
                .containsExactly(OVERSIZED);
    }

    /**
     * Seeded fuzzing: mutated samples and random bytes on every format's topic. Decoding never throws,
     * and whatever it accepts obeys the validator's rules.
     */
    @Test
    void fuzzedPayloadsNeverThrowAndOnlyValidReadingsPass() {
        List<Samples> samples = Stream.of(
                        "native-json", "senml", "line-protocol", "zigbee2mqtt", "tasmota", "esphome", "homie")
                .map(Samples::load)
                .toList();
        Random random = new Random(20261126L);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 5000; i++) {
            Samples sample = samples.get(random.nextInt(samples.size()));
            byte[] payload = i % 5 == 0 ? randomBytes(random) : mutate(sample.payload(), random);
            Decoded decoded = assertDoesNotThrow(sample.topic(), payload);
            for (Reading reading : decoded.readings()) {
                assertThat(Names.isSafe(reading.deviceId())
                                && Names.isSafe(reading.sensor())
                                && Names.isSafe(reading.quantity()))
                        .isTrue();
                assertThat(reading.value()).isFinite();
                assertThat(reading.time()).isBeforeOrEqualTo(RECEIVED_AT.plusSeconds(86_400));
            }
            accepted += decoded.readings().size();
            refused += decoded.rejections().size();
        }
        // the fuzzer exercises both outcomes, so neither path is dead
        assertThat(accepted).isPositive();
        assertThat(refused).isPositive();
    }

    private Decoded assertDoesNotThrow(String topic, byte[] payload) {
        Decoded[] result = new Decoded[1];
        assertThatCode(() -> result[0] = decoder.decode(topic, payload, RECEIVED_AT))
                .doesNotThrowAnyException();
        return result[0];
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static final String SPECIAL = "{}[]\",:=\\ \n0-.eE";

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] = (byte) SPECIAL.charAt(random.nextInt(SPECIAL.length()));
                case 2 -> bytes = Arrays.copyOf(bytes, at);
                default -> bytes[at] = (byte) ('0' + random.nextInt(10));
            }
        }
        return bytes;
    }
}
