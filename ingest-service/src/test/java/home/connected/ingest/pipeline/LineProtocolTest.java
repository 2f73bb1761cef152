package home.connected.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import home.connected.ingest.decode.Reading;
import home.connected.ingest.decode.RejectReason;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LineProtocolTest {

    private final LineProtocol lineProtocol = new LineProtocol("reading");
    private final Instant time = Instant.parse("2026-11-26T08:15:00.250000123Z");

    @Test
    void writesSortedTagsTheValueAndANanosecondTimestamp() {
        assertThat(line(new Reading("pi-kitchen", "bme280", "temperature", 21.48, "°C", time, "kitchen", "json")))
                .isEqualTo("reading,device=pi-kitchen,location=kitchen,quantity=temperature,sensor=bme280,"
                        + "source=json,unit=°C value=21.48 1795680900250000123\n");
    }

    @Test
    void leavesOutEmptyTags() {
        assertThat(line(new Reading("d", "s", "q", 1, "", time, "", "json")))
                .isEqualTo("reading,device=d,quantity=q,sensor=s,source=json value=1.0 1795680900250000123\n");
    }

    @Test
    void escapesCommasSpacesAndEqualsSoANameCannotForgeTagsOrFields() {
        assertThat(line(new Reading("a,evil=1 value=9", "s", "q", 1, "", time, "", "json")))
                .startsWith("reading,device=a\\,evil\\=1\\ value\\=9,quantity=q");
    }

    @Test
    void refusesLineBreaksAndBackslashesAndLeavesNothingBehind() {
        StringBuilder out = new StringBuilder("before\n");
        assertThatThrownBy(() -> lineProtocol.append(out, reading("d\nreading,device=x value=1 1")))
                .isInstanceOfSatisfying(
                        LineProtocol.Unrepresentable.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.INVALID_NAME));
        assertThatThrownBy(() -> lineProtocol.append(out, reading("d\\")))
                .isInstanceOf(LineProtocol.Unrepresentable.class);
        assertThat(out).hasToString("before\n");
    }

    @Test
    void refusesValuesAndTimesInfluxDbCannotHold() {
        assertThatThrownBy(() -> line(new Reading("d", "s", "q", Double.NaN, "", time, "", "json")))
                .isInstanceOfSatisfying(
                        LineProtocol.Unrepresentable.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.NOT_FINITE));
        assertThatThrownBy(() ->
                        line(new Reading("d", "s", "q", 1, "", Instant.parse("3000-01-01T00:00:00Z"), "", "json")))
                .isInstanceOfSatisfying(
                        LineProtocol.Unrepresentable.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.TIMESTAMP_OUT_OF_RANGE));
    }

    private Reading reading(String device) {
        return new Reading(device, "s", "q", 1, "", time, "", "json");
    }

    private String line(Reading reading) {
        StringBuilder out = new StringBuilder();
        lineProtocol.append(out, reading);
        return out.toString();
    }
}
