package home.connected.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The topic strings are part of the contract: devices in the field publish to them. */
@Tag("fast")
class TopicsTest {

    @Test
    void deviceTopics() {
        assertThat(Topics.readings("pi-1")).isEqualTo("connected-home/v1/devices/pi-1/readings");
        assertThat(Topics.status("pi-1")).isEqualTo("connected-home/v1/devices/pi-1/status");
        assertThat(Topics.deviceTopicPrefix("pi-1")).isEqualTo("connected-home/v1/devices/pi-1/");
        assertThat(Topics.deviceTree("pi-1")).isEqualTo("connected-home/v1/devices/pi-1/#");
        assertThat(Topics.ALL_READINGS).isEqualTo("connected-home/v1/devices/+/readings");
        assertThat(Topics.ALL_STATUSES).isEqualTo("connected-home/v1/devices/+/status");
        assertThat(Topics.ALL_DEVICES).isEqualTo("connected-home/v1/devices/#");
    }

    @Test
    void theDeviceOfATopic() {
        assertThat(Topics.deviceIdOf("connected-home/v1/devices/pi-1/status")).isEqualTo("pi-1");
        assertThat(Topics.deviceIdOf("connected-home/v1/devices/pi-1")).isNull();
        assertThat(Topics.deviceIdOf("connected-home/v1/stored/pi-1/readings")).isNull();
        assertThat(Topics.deviceIdOf("zigbee2mqtt/pi-1/status")).isNull();
    }

    @Test
    void ingestTopics() {
        assertThat(Topics.stored("pi-1")).isEqualTo("connected-home/v1/stored/pi-1/readings");
        assertThat(Topics.ALL_STORED).isEqualTo("connected-home/v1/stored/+/readings");
        assertThat(Topics.STORED_TREE).isEqualTo("connected-home/v1/stored/#");
        assertThat(Topics.deadLetter("malformed")).isEqualTo("connected-home/v1/dead-letter/malformed");
        assertThat(Topics.ALL_DEAD_LETTERS).isEqualTo("connected-home/v1/dead-letter/#");
    }

    @Test
    void placesTopic() {
        assertThat(Topics.PLACES).isEqualTo("connected-home/v1/places");
    }
}
