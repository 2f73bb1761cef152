package home.connected.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import home.connected.testing.TcpProxy;
import home.connected.testing.ThrowawayMosquitto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** Against throwaway Mosquitto instances that each test stops, starts and cuts off itself. */
class MqttConnectionTest {

    /** "Back within seconds": the longest a connection may take to return once the broker is there. */
    private static final Duration BACK = Duration.ofSeconds(10);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void aBrokerThatIsDownAtStartIsConnectedToOnceItIsUp() {
        ThrowawayMosquitto broker = closing(ThrowawayMosquitto.create());
        Inbox inbox = new Inbox();
        Events events = new Events();
        MqttConnection connection = closing(MqttConnection.builder("late", broker.url(), "late-" + run)
                .subscribe("late/#", 1)
                .onMessage(inbox)
                .listener(events)
                .build()
                .start());

        assertThat(connection.connected()).isFalse();
        assertThat(new MqttConnectionsHealth(List.of(connection)).health().getStatus())
                .isEqualTo(Status.DOWN);
        broker.start();

        await().atMost(BACK).until(connection::subscribed);
        assertThat(connection.reconnects()).isZero();
        assertThat(events.log).containsExactly("connected first");
        assertThat(connection.disconnectedTime()).isPositive();
        MqttConnection publisher = closing(plain(broker.url(), "late-publisher").start());
        await().atMost(BACK).until(publisher::connected);
        publisher.publish("late/x", bytes("hello"), 1, false);
        await().atMost(BACK).until(() -> inbox.payloads().contains("hello"));
    }

    @Test
    void aBrokerRestartLosesNoMessageOfAPersistentSessionAtQos1() throws Exception {
        ThrowawayMosquitto broker = closing(ThrowawayMosquitto.started());
        Inbox inbox = new Inbox();
        Events events = new Events();
        String numbers = "restart/" + run + "/numbers";
        MqttConnection subscriber = closing(MqttConnection.builder("subscriber", broker.url(), "sub-" + run)
                .persistentSession(Duration.ofHours(1))
                .subscribe(numbers, 1)
                .onMessage(inbox)
                .listener(events)
                .build()
                .start());
        MqttConnection publisher = closing(MqttConnection.builder("publisher", broker.url(), "pub-" + run)
                .persistentSession(Duration.ofHours(1))
                .offlineBuffer(1_000)
                .build()
                .start());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new MqttConnectionMetrics(List.of(subscriber)).bindTo(registry);
        await().atMost(BACK).until(() -> subscriber.subscribed() && publisher.connected());

        List<CompletableFuture<MqttConnection.Delivery>> deliveries = new ArrayList<>();
        publishNumbered(publisher, numbers, 0, 100, deliveries);
        // at once: some are still in flight, and go again on the next connection with their topic
        // (Paho would resend them itself with a topic alias the new connection does not know)
        broker.stop();
        await().atMost(BACK).until(() -> !subscriber.connected() && !publisher.connected());
        assertThat(new MqttConnectionsHealth(List.of(subscriber)).health().getStatus())
                .isEqualTo(Status.DOWN);
        publishNumbered(publisher, numbers, 100, 200, deliveries); // kept by the publisher while the broker is away
        broker.start();
        publishNumbered(publisher, numbers, 200, 300, deliveries);

        await().atMost(BACK).until(() -> subscriber.subscribed() && publisher.connected());
        await().atMost(BACK)
                .untilAsserted(() -> assertThat(inbox.distinct()).containsExactlyInAnyOrderElementsOf(numbers(0, 300)));
        for (CompletableFuture<MqttConnection.Delivery> delivery : deliveries) {
            assertThat(delivery.get().accepted()).isTrue();
        }
        assertThat(subscriber.reconnects()).isEqualTo(1);
        assertThat(publisher.reconnects()).isEqualTo(1);
        assertThat(events.log).startsWith("connected first").contains("lost").endsWith("connected again");
        assertThat(registry.get("mqtt.connection.reconnects").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("mqtt.connection.disconnected")
                        .functionCounter()
                        .count())
                .isPositive();
        assertThat(registry.get("mqtt.connection.connected").gauge().value()).isEqualTo(1);
        assertThat(new MqttConnectionsHealth(List.of(subscriber)).health().getStatus())
                .isEqualTo(Status.UP);
    }

    /** Mosquitto 2.0 does not restore {@code $share} subscriptions after its own restart: subscribing again does. */
    @Test
    void aSharedSubscriptionIsBackAfterABrokerRestart() {
        ThrowawayMosquitto broker = closing(ThrowawayMosquitto.started());
        Inbox inbox = new Inbox();
        MqttConnection member = persistentSubscriber(broker, "member", "$share/group/shared/" + run, inbox);
        await().atMost(BACK).until(member::subscribed);

        broker.restart();
        await().atMost(BACK).until(() -> member.reconnects() == 1 && member.subscribed());
        MqttConnection publisher =
                closing(plain(broker.url(), "shared-publisher").start());
        await().atMost(BACK).until(publisher::connected);
        publisher.publish("shared/" + run, bytes("after the restart"), 1, false);

        await().atMost(BACK).until(() -> inbox.payloads().contains("after the restart"));
    }

    @Test
    void aDroppedTcpConnectionComesBackWithoutABrokerRestart() {
        ThrowawayMosquitto broker = closing(ThrowawayMosquitto.started());
        TcpProxy proxy = closing(TcpProxy.to(broker.port()));
        String status = "drop/" + run + "/status";
        Inbox statuses = new Inbox();
        MqttConnection watcher = closing(MqttConnection.builder("watcher", broker.url(), "watcher-" + run)
                .subscribe(status, 1)
                .onMessage(statuses)
                .build()
                .start());
        await().atMost(BACK).until(watcher::subscribed);
        Inbox inbox = new Inbox();
        MqttConnection device = closing(MqttConnection.builder("device", proxy.mqttUrl(), "device-" + run)
                .persistentSession(Duration.ofHours(1))
                .birth(status, "online", true)
                .will(status, "offline", true)
                .subscribe("drop/" + run + "/commands", 1)
                .onMessage(inbox)
                .build()
                .start());
        await().atMost(BACK)
                .until(() -> device.subscribed() && statuses.payloads().contains("online"));

        proxy.cut();

        await().atMost(BACK)
                .untilAsserted(() -> assertThat(statuses.payloads()).containsExactly("online", "offline", "online"));
        await().atMost(BACK).until(() -> device.reconnects() == 1 && device.subscribed());
        watcher.publish("drop/" + run + "/commands", bytes("after the drop"), 1, false);
        await().atMost(BACK).until(() -> inbox.payloads().contains("after the drop"));
    }

    @Test
    void closingCleanlySendsNoWillAndClosingAbruptlyDoes() {
        ThrowawayMosquitto broker = closing(ThrowawayMosquitto.started());
        Inbox statuses = new Inbox();
        MqttConnection watcher = closing(MqttConnection.builder("watcher", broker.url(), "watcher-" + run)
                .subscribe("close/+/status", 1)
                .onMessage(statuses)
                .build()
                .start());
        await().atMost(BACK).until(watcher::subscribed);
        MqttConnection clean = willing(broker, "clean");
        MqttConnection crashing = willing(broker, "crashing");
        await().atMost(BACK).until(() -> clean.connected() && crashing.connected());

        clean.close();
        crashing.closeAbruptly();

        await().atMost(BACK).until(() -> statuses.topics().contains("close/crashing/status"));
        // the clean close came first: had it sent its will, that would have arrived before the abrupt one's
        assertThat(statuses.topics()).doesNotContain("close/clean/status");
        assertThat(statuses.payloads()).containsExactly("offline");
    }

    @Test
    void theOfflineBufferKeepsTheNewestMessagesAndSendsThemInOrder() throws Exception {
        ThrowawayMosquitto broker = closing(ThrowawayMosquitto.create());
        Inbox inbox = new Inbox();
        MqttConnection publisher = closing(MqttConnection.builder("buffering", broker.url(), "buffer-" + run)
                .offlineBuffer(3)
                .build());
        List<CompletableFuture<MqttConnection.Delivery>> deliveries = new ArrayList<>();
        publishNumbered(publisher, "numbers/" + run, 0, 5, deliveries);
        assertThat(deliveries.get(0)).isCompletedExceptionally();
        assertThat(deliveries.get(1)).isCompletedExceptionally();
        assertThat(deliveries.get(2)).isNotDone();

        broker.start();
        MqttConnection subscriber = persistentSubscriber(broker, "reader", "numbers/" + run, inbox);
        await().atMost(BACK).until(subscriber::subscribed);
        publisher.start(); // after the reader subscribed: nothing would keep what nobody subscribes to
        await().atMost(BACK).until(() -> inbox.payloads().size() == 3);
        assertThat(inbox.payloads()).containsExactly("2", "3", "4");
        assertThat(deliveries.get(4).get().accepted()).isTrue();
    }

    @Test
    void aPublishWhileDisconnectedWithoutABufferFailsAtOnce() {
        ThrowawayMosquitto broker = closing(ThrowawayMosquitto.create());
        MqttConnection connection = closing(plain(broker.url(), "unbuffered").start());

        CompletableFuture<MqttConnection.Delivery> delivery = connection.publish("x", bytes("lost"), 1, false);

        assertThat(delivery).isCompletedExceptionally();
        assertThat(catchCause(delivery)).isNotNull();
    }

    private MqttConnection willing(ThrowawayMosquitto broker, String name) {
        return closing(MqttConnection.builder(name, broker.url(), name + "-" + run)
                .will("close/" + name + "/status", "offline", false)
                .build()
                .start());
    }

    private MqttConnection persistentSubscriber(ThrowawayMosquitto broker, String name, String filter, Inbox inbox) {
        return closing(MqttConnection.builder(name, broker.url(), name + "-" + run)
                .persistentSession(Duration.ofHours(1))
                .subscribe(filter, 1)
                .onMessage(inbox)
                .build()
                .start());
    }

    private MqttConnection plain(String url, String name) {
        return MqttConnection.builder(name, url, name + "-" + run).build();
    }

    private static void publishNumbered(
            MqttConnection publisher,
            String topic,
            int from,
            int to,
            List<CompletableFuture<MqttConnection.Delivery>> deliveries) {
        for (int i = from; i < to; i++) {
            deliveries.add(publisher.publish(topic, bytes(String.valueOf(i)), 1, false));
        }
    }

    private static List<String> numbers(int from, int to) {
        List<String> numbers = new ArrayList<>();
        for (int i = from; i < to; i++) {
            numbers.add(String.valueOf(i));
        }
        return numbers;
    }

    private static Throwable catchCause(CompletableFuture<?> future) {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    /** What arrived, in order; a redelivery (QoS 1 may deliver twice) of what arrived already is left out. */
    private static final class Inbox implements MessageHandler {

        private final List<String> topics = new CopyOnWriteArrayList<>();
        private final List<String> payloads = new CopyOnWriteArrayList<>();
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        @Override
        public void arrived(String topic, MqttMessage message) {
            String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
            if (seen.add(topic + " " + payload) || !message.isDuplicate()) {
                topics.add(topic);
                payloads.add(payload);
            }
        }

        List<String> topics() {
            return topics;
        }

        List<String> payloads() {
            return payloads;
        }

        Set<String> distinct() {
            return Set.copyOf(payloads);
        }
    }

    private static final class Events implements ConnectionListener {

        private final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public void connected(boolean reconnect) {
            log.add(reconnect ? "connected again" : "connected first");
        }

        @Override
        public void lost(String cause) {
            log.add("lost");
        }
    }
}
