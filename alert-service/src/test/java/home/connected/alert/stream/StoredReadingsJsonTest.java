package home.connected.alert.stream;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.alert.evaluation.StoredReading;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

@Tag("fast")
class StoredReadingsJsonTest {

    private final StoredReadingsJson json =
            new StoredReadingsJson(JsonMapper.builder().build());

    @Test
    void readsEveryFieldOfAnAnnouncement() {
        assertThat(parse("""
                        {"readings":[
                          {"device":"kitchen","sensor":"t1","quantity":"temperature","value":21.5,"unit":"°C",
                           "location":"Kitchen","source":"native","ts":"2026-12-02T03:16:40.123Z"},
                          {"ts":"2026-12-02T03:16:41Z","value":-3,"quantity":"humidity","sensor":"h","device":"d2",
                           "extra":{"nested":[1,2,{"x":null}]}}
                        ]}"""))
                .containsExactly(
                        new StoredReading(
                                "kitchen",
                                "t1",
                                "temperature",
                                "Kitchen",
                                "°C",
                                21.5,
                                Instant.parse("2026-12-02T03:16:40.123Z")),
                        new StoredReading("d2", "h", "humidity", "", "", -3, Instant.parse("2026-12-02T03:16:41Z")));
    }

    @Test
    void skipsEntriesItCannotEvaluate() {
        String good =
                "{\"device\":\"d\",\"sensor\":\"s\",\"quantity\":\"q\",\"value\":1,\"ts\":\"2026-12-02T03:16:40Z\"}";
        assertThat(parse("{\"readings\":["
                        + String.join(
                                ",",
                                good.replace("\"device\":\"d\",", ""),
                                good.replace("\"sensor\":\"s\"", "\"sensor\":\"\""),
                                good.replace("\"value\":1", "\"value\":\"1\""),
                                good.replace("\"value\":1", "\"value\":null"),
                                good.replace("2026-12-02T03:16:40Z", "yesterday"),
                                good.replace("2026-12-02T03:16:40Z", "2026-02-30T03:16:40Z"),
                                good.replace("2026-12-02T03:16:40Z", "2026-12-02T24:16:40Z"),
                                good.replace("\"device\":\"d\"", "\"device\":7"),
                                "[1,2]",
                                "\"text\"",
                                good)
                        + "]}"))
                .singleElement()
                .extracting(StoredReading::device)
                .isEqualTo("d");
    }

    @Test
    void aPayloadThatIsNotAnAnnouncementGivesNothing() {
        for (String payload : new String[] {
            "", "not json", "[]", "{\"readings\":{}}", "{\"readings\":[{\"device\":", "{\"other\":[1]}", "null"
        }) {
            assertThat(parse(payload)).as(payload).isEmpty();
        }
    }

    @Test
    void timesAreReadAsInstantParseReadsThem() {
        for (String text : new String[] {
            "2026-12-02T03:16:40Z",
            "2026-12-02T03:16:40.1Z",
            "2026-12-02T03:16:40.12Z",
            "2026-12-02T03:16:40.123Z",
            "2026-12-02T03:16:40.123456Z",
            "2026-12-02T03:16:40.123456789Z",
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999Z",
            "2024-02-29T12:00:00Z",
            "0001-01-01T00:00:00Z",
            "+12026-12-02T03:16:40Z",
            "2026-12-02T03:16:40+01:00",
            "2026-12-02T03:16:40.Z"
        }) {
            assertThat(StoredReadingsJson.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
        for (String text :
                new String[] {"2026-13-02T03:16:40Z", "2026-12-02T03:60:40Z", "2026-12-02T03:16:4xZ", "2026-12-02"}) {
            assertThat(StoredReadingsJson.instant(text)).as(text).isNull();
        }
    }

    private java.util.List<StoredReading> parse(String payload) {
        return json.parse(payload.getBytes(StandardCharsets.UTF_8));
    }
}
