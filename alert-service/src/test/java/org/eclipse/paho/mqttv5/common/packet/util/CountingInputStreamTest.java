package org.eclipse.paho.mqttv5.common.packet.util;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.contracts.Topics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CountingInputStreamTest {

    @Test
    void oursIsTheOneLoadedNotPahos() {
        String location = CountingInputStream.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toString();

        assertThat(location).doesNotContain("paho").contains("alert-service");
    }

    @Test
    void readsInBulkAndCountsEveryByte() throws Exception {
        byte[] bytes = new byte[5_000];
        Arrays.fill(bytes, (byte) 7);
        int[] singleByteReads = {0};
        ByteArrayInputStream source = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read() {
                singleByteReads[0]++;
                return super.read();
            }
        };
        CountingInputStream counting = new CountingInputStream(source);

        int first = new DataInputStream(counting).readUnsignedByte();
        byte[] rest = new byte[bytes.length - 1];
        new DataInputStream(counting).readFully(rest);

        assertThat(first).isEqualTo(7);
        assertThat(rest).containsOnly((byte) 7);
        assertThat(counting.getCounter()).isEqualTo(bytes.length);
        assertThat(singleByteReads[0]).isEqualTo(1);
        assertThat(counting.read()).isEqualTo(-1);
        assertThat(counting.getCounter()).isEqualTo(bytes.length);
    }

    @Test
    void pahoStillDecodesAPublishThroughIt() throws Exception {
        byte[] payload = "{\"readings\":[]}".getBytes(StandardCharsets.UTF_8);
        MqttMessage message = new MqttMessage(payload, 1, false, null);
        MqttPublish sent = new MqttPublish(Topics.readings("pi-1"), message, null);
        sent.setMessageId(42);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(sent.getHeader());
        wire.write(sent.getPayload());

        MqttPublish received = (MqttPublish) MqttWireMessage.createWireMessage(wire.toByteArray());

        assertThat(received.getTopicName()).isEqualTo(Topics.readings("pi-1"));
        assertThat(received.getMessageId()).isEqualTo(42);
        assertThat(received.getMessage().getPayload()).isEqualTo(payload);
        assertThat(received.getMessage().getQos()).isEqualTo(1);
    }
}
