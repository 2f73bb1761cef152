package home.connected.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A default Mosquitto silently drops QoS 1 messages to busy or offline subscribers once its small
 * per-client queues fill. The dev broker's limits are set so that a burst arrives whole.
 */
class MqttBurstDeliveryTest {

    private static final int BURST = 100_000;
    private static final long SESSION_EXPIRY_SECONDS = 600;

    private final DevServices services = DevServices.get();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String user = "burst-" + id;
    private final String password = UUID.randomUUID().toString();
    private final String topicRoot = "test/burst/" + id;
    private DynamicSecurityAdmin admin;

    @BeforeEach
    void createClient() throws Exception {
        services.requireListening("Mosquitto", services.mqttUrl());
        admin = new DynamicSecurityAdmin(services);
        admin.createClient(user, password, topicRoot + "/#");
    }

    @AfterEach
    void deleteClient() throws Exception {
        admin.deleteClient(user);
        admin.close();
    }

    @Test
    void aQos1BurstReachesAnOnlineAndAnOfflinePersistentSubscriberWhole() throws Exception {
        BitSet online = new BitSet(BURST);
        BitSet offline = new BitSet(BURST);
        MqttAsyncClient onlineSubscriber = subscriber("online-" + id, true, online);
        MqttAsyncClient offlineSubscriber = subscriber("offline-" + id, true, offline);
        offlineSubscriber.disconnect().waitForCompletion(10_000);

        MqttAsyncClient publisher = client("publisher-" + id, true);
        publishBurst(publisher);
        publisher.disconnect().waitForCompletion(10_000);

        awaitCount(online);
        assertThat(cardinality(online))
                .as("messages the online subscriber received")
                .isEqualTo(BURST);

        offlineSubscriber = subscriber("offline-" + id, false, offline);
        awaitCount(offline);
        assertThat(cardinality(offline))
                .as("messages the reconnected persistent subscriber received")
                .isEqualTo(BURST);

        onlineSubscriber.disconnect().waitForCompletion(10_000);
        offlineSubscriber.disconnect().waitForCompletion(10_000);
    }

    private void publishBurst(MqttAsyncClient publisher) throws MqttException, InterruptedException {
        Semaphore window = new Semaphore(1_000);
        MqttActionListener release = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                window.release();
            }
        };
        for (int i = 0; i < BURST; i++) {
            window.acquire();
            MqttMessage message =
                    new MqttMessage(Integer.toString(i).getBytes(StandardCharsets.US_ASCII), 1, false, null);
            publisher.publish(topicRoot + "/readings", message, null, release);
        }
        window.acquire(1_000);
    }

    private MqttAsyncClient subscriber(String clientId, boolean cleanStart, BitSet received) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(services.mqttUrl(), clientId, new MemoryPersistence());
        client.setCallback(new OnMessage((topic, message) -> {
            int index = Integer.parseInt(new String(message.getPayload(), StandardCharsets.US_ASCII));
            synchronized (received) {
                received.set(index);
            }
        }));
        client.connect(options(cleanStart)).waitForCompletion(10_000);
        if (cleanStart) {
            client.subscribe(topicRoot + "/#", 1).waitForCompletion(10_000);
        }
        return client;
    }

    private MqttAsyncClient client(String clientId, boolean cleanStart) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(services.mqttUrl(), clientId, new MemoryPersistence());
        client.connect(options(cleanStart)).waitForCompletion(10_000);
        return client;
    }

    private MqttConnectionOptions options(boolean cleanStart) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(cleanStart);
        options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        return options;
    }

    /** Until every message arrived or none has for 15 s; two minutes at most. */
    private static void awaitCount(BitSet received) {
        Unchanged<Integer> stalled = Unchanged.forLongerThan(Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> cardinality(received), now -> now == BURST || stalled.test(now));
    }

    private static int cardinality(BitSet received) {
        synchronized (received) {
            return received.cardinality();
        }
    }
}
