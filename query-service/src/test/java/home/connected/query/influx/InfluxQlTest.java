package home.connected.query.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import home.connected.query.grpc.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InfluxQlTest {

    @Test
    void quotesIdentifiersAndLiteralsEscapingBackslashAndTheirQuote() {
        assertThat(InfluxQl.identifier("device")).isEqualTo("\"device\"");
        assertThat(InfluxQl.identifier("a\"b\\c'd")).isEqualTo("\"a\\\"b\\\\c'd\"");
        assertThat(InfluxQl.literal("it's")).isEqualTo("'it\\'s'");
        assertThat(InfluxQl.literal("' OR 1=1 --")).isEqualTo("'\\' OR 1=1 --'");
        assertThat(InfluxQl.literal("a\\' OR ''='")).isEqualTo("'a\\\\\\' OR \\'\\'=\\''");
        assertThat(InfluxQl.literal("x\"y;/.*/")).isEqualTo("'x\"y;/.*/'");
        assertThat(InfluxQl.equalsCondition("sensor", "温度")).isEqualTo("\"sensor\" = '温度'");
    }

    @Test
    void rendersTimesAndDurationsFromNumbers() {
        assertThat(InfluxQl.time(Instant.parse("2026-11-26T08:15:00.250Z"))).isEqualTo("1795680900250000000");
        assertThat(InfluxQl.duration(Duration.ofMinutes(5))).isEqualTo("300000ms");
    }

    @Test
    void refusesControlCharactersAndOverlongText() {
        for (String bad : new String[] {"a\nb", "a\rb", "a\tb", "a\u0000b", "a\u007fb", "a\u0085b"}) {
            assertThatThrownBy(() -> InfluxQl.requireUsable("filter.device_id", bad, 256))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("filter.device_id contains a control character (such as a newline or tab); remove it");
            assertThatThrownBy(() -> InfluxQl.literal(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> InfluxQl.requireUsable("filter.text", "x".repeat(257), 256))
                .hasMessage("filter.text is longer than 256 characters");
        InfluxQl.requireUsable("filter.text", "ünïcødé 🌡 ' \" \\ ; .*", 256);
    }
}
