package home.connected.agent.publish;

import static org.assertj.core.api.Assertions.fail;

import home.connected.testing.DevServices;
import home.connected.testing.OnMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Subscribes as the broker admin (who may receive everything) and records what arrives, for tests. */
public final class MqttWatcher implements AutoCloseable {

    /** One message as it arrived. */
    public record Arrived(String topic, String payload, boolean retained) {}

    private final MqttAsyncClient client;
    private final List<Arrived> arrived = new CopyOnWriteArrayList<>();

    public MqttWatcher(String... filters) throws MqttException {
        DevServices services = DevServices.get();
        client = new MqttAsyncClient(services.mqttUrl(), "agent-test-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(services.mqttAdminUser());
        options.setPassword(services.mqttAdminPassword().getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        client.setCallback(new OnMessage((topic, message) -> arrived.add(
                new Arrived(topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained()))));
        client.connect(options).waitForCompletion(10_000);
        for (String filter : filters) {
            client.subscribe(filter, 1).waitForCompletion(10_000);
        }
    }

    public List<Arrived> arrived(Predicate<Arrived> which) {
        return arrived.stream().filter(which).toList();
    }

    /** Polls until {@code count} matching messages arrived; fails with what did arrive otherwise. */
    public List<Arrived> await(Predicate<Arrived> which, int count, Duration timeout, String what) {
        try {
            return Awaitility.await(what)
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> arrived(which), matching -> matching.size() >= count);
        } catch (ConditionTimeoutException e) {
            return fail("%s: expected %d within %s, got %s", what, count, timeout, arrived(which));
        }
    }

    public static Predicate<Arrived> on(String topic, String payload) {
        return message -> message.topic().equals(topic) && message.payload().equals(payload);
    }

    public static Predicate<Arrived> on(String topic) {
        return message -> message.topic().equals(topic);
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect().waitForCompletion(5_000);
        } finally {
            client.close();
        }
    }
}
