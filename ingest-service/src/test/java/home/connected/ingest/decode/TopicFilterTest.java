package home.connected.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicFilterTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "home/devices/+/readings, home/devices/pi-1/readings, true",
        "home/devices/+/readings, home/devices/pi-1/status, false",
        "home/devices/+/readings, home/devices/a/b/readings, false",
        "home/devices/+/readings, home/devices//readings, true",
        "zigbee2mqtt/#, zigbee2mqtt/bedroom/climate, true",
        "zigbee2mqtt/#, zigbee2mqtt, true",
        "zigbee2mqtt/#, zigbee2mqttx/a, false",
        "tele/+/SENSOR, tele/plug/SENSOR, true",
        "tele/+/SENSOR, tele/plug/STATE, false",
        "tele/+/SENSOR, tele/plug, false",
        "+/sensor/+/state, node/sensor/co2/state, true",
        "+/sensor/+/state, $SYS/sensor/co2/state, false",
        "#, $SYS/broker, false",
        "#, anything/at/all, true",
        "homie/#, homie/dev/node/prop/$unit, true",
    })
    void matchesLikeTheBroker(String filter, String topic, boolean matches) {
        assertThat(new TopicFilter(filter).matches(topic)).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/#/b", "a/b#", "a+/b", ""})
    void refusesInvalidFilters(String filter) {
        assertThatThrownBy(() -> new TopicFilter(filter)).isInstanceOf(IllegalArgumentException.class);
    }
}
