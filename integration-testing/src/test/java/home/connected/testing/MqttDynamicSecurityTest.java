package home.connected.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import home.connected.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MqttDynamicSecurityTest {

    private static final int NOT_AUTHORIZED = 135;

    private final DevServices services = DevServices.get();
    private final String device = "probe-" + UUID.randomUUID().toString().substring(0, 8);
    private final String password = UUID.randomUUID().toString();
    private DynamicSecurityAdmin admin;

    @BeforeEach
    void provisionDevice() throws Exception {
        services.requireListening("Mosquitto", services.mqttUrl());
        admin = new DynamicSecurityAdmin(services);
        admin.createClient(device, password, Topics.deviceTree(device));
    }

    @AfterEach
    void removeDevice() throws Exception {
        admin.deleteClient(device);
        admin.close();
    }

    @Test
    void aProvisionedClientPublishesOnItsOwnTopicAndIsRefusedElsewhere() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        MqttAsyncClient watcher = DynamicSecurityAdmin.connect(
                services.mqttUrl(), "watcher-" + device, services.mqttAdminUser(), services.mqttAdminPassword());
        watcher.setCallback(new OnMessage((topic, message) -> seen.add(topic)));
        watcher.subscribe(Topics.ALL_DEVICES, 1).waitForCompletion(10_000);
        MqttAsyncClient deviceClient = DynamicSecurityAdmin.connect(services.mqttUrl(), device, device, password);
        try {
            String own = Topics.readings(device);
            String foreign = Topics.readings("someone-else-" + device);

            assertThat(publishReasonCode(deviceClient, own)).isZero();
            assertThat(publishReasonCode(deviceClient, foreign)).isEqualTo(NOT_AUTHORIZED);

            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains(own));
            // the refused message must not turn up late either
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !seen.contains(foreign));
            assertThat(seen).contains(own).doesNotContain(foreign);
        } finally {
            deviceClient.disconnect().waitForCompletion(5_000);
            watcher.disconnect().waitForCompletion(5_000);
        }
    }

    @Test
    void wrongPasswordsAndAnonymousClientsAreRefused() {
        assertThatThrownBy(() -> DynamicSecurityAdmin.connect(services.mqttUrl(), device, device, "wrong"))
                .isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> DynamicSecurityAdmin.connect(services.mqttUrl(), "anon-" + device, "", ""))
                .isInstanceOf(MqttException.class);
    }

    private static int publishReasonCode(MqttAsyncClient client, String topic) throws MqttException {
        MqttMessage message = new MqttMessage("{\"value\":1}".getBytes(StandardCharsets.UTF_8), 1, false, null);
        try {
            IMqttToken token = client.publish(topic, message);
            token.waitForCompletion(10_000);
            int[] codes = token.getReasonCodes();
            return codes == null || codes.length == 0 ? 0 : codes[0];
        } catch (MqttException refused) {
            return refused.getReasonCode();
        }
    }
}
