package home.connected.mqtt;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 5 connection that stays connected until closed: it connects in the background, and
 * after a loss connects again at once, then with a capped backoff, each attempt bounded in time.
 * After every connect it subscribes to every filter again, publishes its birth message and sends
 * what was buffered while disconnected.
 *
 * <p>Paho's automatic reconnect is never used: after a broker restart it was seen to open a
 * socket, drop it and not try again for as long as a test waited (30 s). Subscribing again on
 * every connect, rather than trusting a restored session, is what keeps {@code $share}
 * subscriptions: Mosquitto 2.0 restores plain subscriptions of a persistent session after its own
 * restart, but not shared ones. A repeated SUBSCRIBE to the same filter only replaces it.
 *
 * <p>Made with {@link #builder}; {@link #start} begins connecting without waiting for the broker.
 */
public final class MqttConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttConnection.class);
    /** The PUBACK reason code of an accepted message that no subscription matched (MQTT 5). */
    public static final int NO_MATCHING_SUBSCRIBERS = 16;
    /** Paho's "too many publishes in progress": the broker's receive maximum is reached. */
    private static final int MAX_INFLIGHT = MqttClientException.REASON_CODE_MAX_INFLIGHT;

    private final MqttConnectionSettings settings;
    private final MqttAsyncClient client;
    private final Map<String, Integer> subscriptions = new ConcurrentHashMap<>();
    private final OfflineBuffer offline;
    /** Changes on every connect and loss: an acknowledgement of an earlier connection's message is not sent. */
    private final AtomicInteger generation = new AtomicInteger();

    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong disconnectedNanos = new AtomicLong();
    private volatile long disconnectedSince = System.nanoTime();
    private volatile boolean everConnected;
    private volatile boolean subscribed;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile Thread connector;

    private MqttConnection(MqttConnectionSettings settings) {
        this.settings = settings;
        settings.subscriptions().forEach(subscriptions::put);
        this.offline = new OfflineBuffer(settings.offlineBuffer());
        try {
            this.client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("no MQTT client for " + settings.url() + ": " + e.getMessage(), e);
        }
        client.setManualAcks(settings.manualAcknowledgements());
        client.setCallback(new Callback());
    }

    /**
     * @param name names the connection in logs, metrics and health, e.g. {@code ingest-0}
     * @param url the broker, e.g. {@code tcp://127.0.0.1:1883}
     * @param clientId the MQTT client id; a persistent session needs the same one on every start
     */
    public static MqttConnectionSettings.Builder builder(String name, String url, String clientId) {
        return new MqttConnectionSettings.Builder(name, url, clientId);
    }

    static MqttConnection of(MqttConnectionSettings settings) {
        return new MqttConnection(settings);
    }

    /** Starts connecting in the background, and reconnecting whenever the connection is lost. */
    public synchronized MqttConnection start() {
        if (closed) {
            throw new IllegalStateException("connection " + name() + " is closed");
        }
        if (connector == null) {
            connector = new Thread(this::stayConnected, "mqtt-" + name());
            connector.setDaemon(true);
            connector.start();
        }
        return this;
    }

    public String name() {
        return settings.name();
    }

    public String clientId() {
        return settings.clientId();
    }

    public boolean connected() {
        return connected && client.isConnected();
    }

    /** Connected, and the broker granted every subscription: messages flow. */
    public boolean subscribed() {
        return subscribed && connected();
    }

    /** Completed reconnects: connects after the first one. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Time spent not connected since the connection was made, including the current outage. */
    public Duration disconnectedTime() {
        long total = disconnectedNanos.get();
        if (!connected()) {
            total += System.nanoTime() - disconnectedSince;
        }
        return Duration.ofNanos(total);
    }

    /** Subscribes now when connected, and again after every reconnect. */
    public void subscribe(String filter, int qos) {
        subscriptions.put(filter, qos);
        if (connected()) {
            Thread thread = new Thread(() -> subscribeAll(List.of(filter)), "mqtt-subscribe-" + name());
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Publishes. The future completes with the broker's answer at QoS 1 (or once written at QoS
     * 0), and fails when the message could not be sent. While disconnected, a connection with an
     * offline buffer keeps the message and sends it after reconnecting; one without fails at once.
     */
    public CompletableFuture<Delivery> publish(String topic, byte[] payload, int qos, boolean retained) {
        OutgoingMessage message = new OutgoingMessage(topic, payload, qos, retained, new CompletableFuture<>());
        if (offline.capacity() > 0 && offline.keepUnlessConnected(message, this::connected)) {
            return message.delivery();
        }
        send(message);
        return message.delivery();
    }

    /**
     * The acknowledgement of a message that arrived (with manual acknowledgements): sent only on
     * the connection the message came on; after a reconnect the broker delivers the message again.
     */
    public Runnable acknowledgementFor(MqttMessage message) {
        int id = message.getId();
        int qos = message.getQos();
        int arrivedIn = generation.get();
        return () -> {
            if (qos == 0 || generation.get() != arrivedIn || !client.isConnected()) {
                return;
            }
            try {
                client.messageArrivedComplete(id, qos);
            } catch (MqttException e) {
                log.debug("acknowledgement of message {} on {} not sent: {}", id, name(), e.getMessage());
            }
        };
    }

    /** Disconnects cleanly: the broker does not publish the last will. */
    @Override
    public void close() {
        if (!stopConnector()) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(settings.attemptTimeout().toMillis()).waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            log.debug("disconnect of {} failed: {}", name(), e.getMessage());
        }
        closeClient();
    }

    /** Drops the connection without a DISCONNECT, as a crash or a power cut does: the broker publishes the will. */
    public void closeAbruptly() {
        if (!stopConnector()) {
            return;
        }
        try {
            client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException e) {
            log.debug("forced disconnect of {} failed: {}", name(), e.getMessage());
        }
        closeClient();
    }

    private synchronized boolean stopConnector() {
        if (closed) {
            return false;
        }
        closed = true;
        if (connector != null) {
            connector.interrupt();
        }
        offline.failAll("connection " + name() + " closed");
        return true;
    }

    private void closeClient() {
        connected = false;
        subscribed = false;
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("close of {} failed: {}", name(), e.getMessage());
        }
    }

    private void stayConnected() {
        Backoff backoff = new Backoff(settings.firstRetry(), settings.maxRetry());
        while (!closed) {
            if (!client.isConnected()) {
                if (connectOnce()) {
                    backoff.reset();
                    afterConnect();
                } else {
                    LockSupport.parkNanos(backoff.next().toNanos());
                    continue;
                }
            }
            // woken at once by a loss; the timeout also catches a loss Paho reported to nobody
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        }
    }

    private boolean connectOnce() {
        generation.incrementAndGet();
        try {
            IMqttToken token = client.connect(settings.connectOptions());
            token.waitForCompletion(settings.attemptTimeout().toMillis() + 1_000);
            return client.isConnected();
        } catch (MqttException e) {
            if (!closed) {
                log.warn("MQTT {} cannot connect to {}: {}", name(), settings.url(), describe(e));
            }
            if (e.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_TIMEOUT
                    || e.getReasonCode() == MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS) {
                abandonAttempt();
            }
            return false;
        }
    }

    /** An attempt that did not finish in time is still pending inside Paho; the next one needs it gone. */
    private void abandonAttempt() {
        try {
            client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException e) {
            log.debug("abandoning the connect attempt of {}: {}", name(), e.getMessage());
        }
    }

    private void afterConnect() {
        connected = true;
        disconnectedNanos.addAndGet(System.nanoTime() - disconnectedSince);
        boolean reconnect = everConnected;
        everConnected = true;
        if (reconnect) {
            reconnects.incrementAndGet();
        }
        log.info("MQTT {} {} to {}", name(), reconnect ? "reconnected" : "connected", settings.url());
        subscribed = subscribeAll(List.copyOf(subscriptions.keySet()));
        settings.birth().ifPresent(birth -> send(birth.toOutgoing()));
        offline.drain(this::connected, this::send);
        settings.listener().connected(reconnect);
    }

    private void lost(String cause) {
        generation.incrementAndGet();
        if (connected) {
            connected = false;
            disconnectedSince = System.nanoTime();
        }
        subscribed = false;
        if (!closed) {
            log.warn("MQTT {} lost its connection: {}", name(), cause);
            settings.listener().lost(cause);
            LockSupport.unpark(connector);
        }
    }

    /** Runs on the connector's thread: Paho's callback thread must stay free to deliver the SUBACK. */
    private boolean subscribeAll(List<String> filters) {
        if (filters.isEmpty()) {
            return true;
        }
        MqttSubscription[] wanted = filters.stream()
                .map(filter -> new MqttSubscription(filter, subscriptions.getOrDefault(filter, 1)))
                .toArray(MqttSubscription[]::new);
        try {
            IMqttToken token = client.subscribe(wanted);
            token.waitForCompletion(settings.attemptTimeout().toMillis());
            int[] codes = token.getReasonCodes();
            boolean granted = true;
            for (int i = 0; codes != null && i < codes.length && i < wanted.length; i++) {
                if (codes[i] >= 0x80) {
                    granted = false;
                    log.error("MQTT {} may not subscribe to {} (reason {})", name(), wanted[i].getTopic(), codes[i]);
                }
            }
            return granted;
        } catch (MqttException e) {
            log.error("MQTT {} cannot subscribe to {}: {}", name(), filters, describe(e));
            return false;
        }
    }

    private void send(OutgoingMessage message) {
        while (true) {
            try {
                client.publish(
                        message.topic(),
                        new MqttMessage(message.payload(), message.qos(), message.retained(), null),
                        null,
                        new Completion(message.delivery()));
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() == MAX_INFLIGHT && connected() && !closed) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // wait for PUBACKs to free a slot
                    continue;
                }
                message.delivery().completeExceptionally(e);
                return;
            } catch (RuntimeException e) {
                message.delivery().completeExceptionally(e);
                return;
            }
        }
    }

    private static String describe(MqttException e) {
        return e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : "");
    }

    /** The broker's answer to a publish. */
    public record Delivery(int reasonCode) {

        /** The broker took the message (a PUBACK reason code below 0x80). */
        public boolean accepted() {
            return reasonCode < 0x80;
        }

        /** The broker took it, and nobody subscribes to its topic. */
        public boolean noSubscribers() {
            return reasonCode == NO_MATCHING_SUBSCRIBERS;
        }
    }

    record OutgoingMessage(
            String topic, byte[] payload, int qos, boolean retained, CompletableFuture<Delivery> delivery) {}

    /** Messages published while disconnected, oldest dropped when full, sent in order after a reconnect. */
    private static final class OfflineBuffer {

        private final int capacity;
        private final Deque<OutgoingMessage> messages = new ArrayDeque<>();

        OfflineBuffer(int capacity) {
            this.capacity = capacity;
        }

        int capacity() {
            return capacity;
        }

        /** Keeps the message while disconnected, or while earlier ones still wait (so the order holds). */
        synchronized boolean keepUnlessConnected(OutgoingMessage message, BooleanSupplier connected) {
            if (messages.isEmpty() && connected.getAsBoolean()) {
                return false;
            }
            if (messages.size() == capacity) {
                messages.removeFirst()
                        .delivery()
                        .completeExceptionally(new IllegalStateException(
                                "dropped: more than " + capacity + " messages published while disconnected"));
            }
            messages.addLast(message);
            return true;
        }

        synchronized void drain(BooleanSupplier connected, Consumer<OutgoingMessage> send) {
            while (!messages.isEmpty() && connected.getAsBoolean()) {
                send.accept(messages.removeFirst());
            }
        }

        synchronized void failAll(String why) {
            messages.forEach(m -> m.delivery().completeExceptionally(new IllegalStateException(why)));
            messages.clear();
        }
    }

    private static final class Completion implements MqttActionListener {

        private final CompletableFuture<Delivery> delivery;

        Completion(CompletableFuture<Delivery> delivery) {
            this.delivery = delivery;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            int[] codes = token.getReasonCodes();
            delivery.complete(new Delivery(codes == null || codes.length == 0 ? 0 : codes[0]));
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
            delivery.completeExceptionally(failure);
        }
    }

    private final class Callback implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            settings.handler().arrived(topic, message);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            lost(
                    response.getReasonString() != null
                            ? response.getReasonString()
                            : "reason " + response.getReturnCode());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("MQTT {} error: {}", name(), exception.getMessage());
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
