package home.connected.query.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import home.connected.query.influx.TaggedSeries.TimedValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

/** The streaming reader over answers recorded from InfluxDB 1.6 (resources beside this class) and a few shaped ones. */
class InfluxQlJsonTest {

    private static final long T0 = 1796299200000000000L;
    private static final long MINUTE = 60_000_000_000L;

    @Test
    void givesEachStatementItsSeriesAndCollectsStatementErrors() {
        InfluxQlJson.Answer answer = InfluxQlJson.read(recorded("several-statements.json"), 4);

        assertThat(answer.series()).hasSize(4);
        assertThat(answer.series().get(0)).singleElement().satisfies(series -> {
            assertThat(series.tags()).isEqualTo(Map.of("sensor", "t"));
            assertThat(series.points())
                    .containsExactly(
                            new TimedValue(T0, 10),
                            new TimedValue(T0 + 4 * MINUTE, 12.5),
                            new TimedValue(T0 + 12 * MINUTE, -3.25));
        });
        assertThat(answer.series().get(1))
                .extracting(series -> series.tag("sensor"))
                .containsExactly("a,b=c d \"q\" 'x' \\ ünï 温度 🌡", "h", "t");
        assertThat(answer.series().get(1).get(0).tags())
                .isEqualTo(Map.of(
                        "device", "qt-reader-e8a4a477",
                        "location", "hall, upstairs=left \"2\"",
                        "sensor", "a,b=c d \"q\" 'x' \\ ünï 温度 🌡",
                        "unit", "°C"));
        assertThat(answer.series().get(1).get(0).points()).containsExactly(new TimedValue(T0 + 2 * MINUTE, 0.001));
        assertThat(answer.series().get(2)).isEmpty();
        assertThat(answer.series().get(3)).isEmpty();
        assertThat(answer.errors())
                .containsExactly("statement 3: mixing aggregate and non-aggregate queries is not supported");
    }

    @Test
    void readsABandWithItsReadings() {
        InfluxQlJson.Answer answer = InfluxQlJson.read(recorded("band.json"), 1);

        assertThat(answer.series().get(0))
                .singleElement()
                .satisfies(series -> assertThat(series.points())
                        .containsExactly(
                                new TimedValue(T0, 11.25, 10, 12.5, 2),
                                new TimedValue(T0 + 10 * MINUTE, -3.25, -3.25, -3.25, 1)));
    }

    @Test
    void leavesOutARowWithANull() {
        InfluxQlJson.Answer answer = InfluxQlJson.read(recorded("null-window.json"), 1);

        assertThat(answer.series().get(0))
                .singleElement()
                .satisfies(series -> assertThat(series.points())
                        .containsExactly(
                                new TimedValue(T0, 10, 0, 0, 1),
                                new TimedValue(T0 + 4 * MINUTE, 12.5, 0, 0, 1),
                                new TimedValue(T0 + 12 * MINUTE, -3.25, 0, 0, 1)));
    }

    @Test
    void collectsATopLevelErrorAndAStatementOnAMissingDatabase() {
        assertThat(InfluxQlJson.read(recorded("parse-error.json"), 2)).satisfies(answer -> {
            assertThat(answer.series()).containsExactly(List.of(), List.of());
            assertThat(answer.errors()).singleElement().asString().startsWith("error parsing query: found SELEC");
        });
        assertThat(InfluxQlJson.read(recorded("no-database.json"), 1).errors())
                .containsExactly("statement 0: database not found: nodb");
    }

    @Test
    void readsAnAnswerShapedAsInfluxDb3WritesIt() {
        InfluxQlJson.Answer answer = InfluxQlJson.read(
                json("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"reading\",\"columns\":[\"time\","
                        + "\"last\"],\"values\":[[1700000000000000000,2e1],[1700000000000000001,-0.5E-3]]}]}]}\r\n"),
                1);

        assertThat(answer.series().get(0)).singleElement().satisfies(series -> {
            assertThat(series.tags()).isEmpty();
            assertThat(series.points())
                    .containsExactly(
                            new TimedValue(1700000000000000000L, 20), new TimedValue(1700000000000000001L, -0.0005));
        });
    }

    @Test
    void skipsWhatItDoesNotUse() {
        InfluxQlJson.Answer answer = InfluxQlJson.read(
                json("{\"results\":[{\"series\":[{\"name\":\"reading\",\"partial\":false,\"tags\":{\"a\":\"1\","
                        + "\"n\":null},\"columns\":[\"time\",\"value\",\"extra\",\"more\"],\"values\":[[7,3.5,"
                        + "{\"x\":[1]},[null]],[8,4,\"s\",null]]}],\"messages\":[{\"level\":\"warning\",\"text\":\"t\"}],"
                        + "\"statement_id\":1,\"partial\":false}],\"other\":{\"y\":[]}}"),
                2);

        assertThat(answer.series().get(0)).isEmpty();
        assertThat(answer.series().get(1)).singleElement().satisfies(series -> {
            assertThat(series.tags()).isEqualTo(Map.of("a", "1"));
            assertThat(series.points()).containsExactly(new TimedValue(7, 3.5), new TimedValue(8, 4));
        });
        assertThat(answer.errors()).isEmpty();
    }

    @Test
    void refusesWhatIsNotSuchAnAnswer() {
        for (String notAnAnswer : new String[] {
            "",
            "<html><body>502 Bad Gateway</body></html>",
            "{\"results\":[{\"statement_id\":0,\"series\":[{\"columns\":[\"time\",\"value\"],\"values\":[[1,2]",
            "{\"results\":[{\"statement_id\":2}]}",
            "{\"results\":[{\"series\":[]}]}",
            "{\"results\":[{\"statement_id\":0,\"series\":[{\"values\":[[1,2]],\"columns\":[\"time\",\"value\"]}]}]}",
            "{\"results\":[{\"statement_id\":0,\"series\":[{\"columns\":[\"time\",\"value\"],\"values\":[[\"2026\",2]]}]}]}"
        }) {
            assertThatThrownBy(() -> InfluxQlJson.read(json(notAnAnswer), 1))
                    .as(notAnAnswer)
                    .isInstanceOf(JacksonException.class);
        }
    }

    @Test
    void refusesASeriesWithoutTheColumnsOfAStatementHere() {
        assertThatThrownBy(() -> InfluxQlJson.read(
                        json("{\"results\":[{\"statement_id\":0,\"series\":[{\"columns\":[\"time\",\"band_min\"]}]}]}"),
                        1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("band_mean");
        assertThatThrownBy(() -> InfluxQlJson.read(
                        json("{\"results\":[{\"statement_id\":0,\"series\":[{\"columns\":[\"value\"]}]}]}"), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("time");
    }

    private static InputStream recorded(String name) {
        InputStream answer = InfluxQlJsonTest.class.getResourceAsStream(name);
        if (answer == null) {
            throw new UncheckedIOException(new IOException("no recorded answer " + name));
        }
        return answer;
    }

    private static InputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
