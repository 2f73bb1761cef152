package home.connected.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
 * After every connect it subscribes to every filter again, publishes its birth message, sends
 * again what the broker had not acknowledged (persistent sessions) and then what was kept while
 * disconnected.
 *
 * <p>Every connection uses a new Paho client, and Paho's automatic reconnect is never used. After
 * a broker restart Paho's reconnect was seen to open a socket, drop it and not try again for as
 * long as a test waited (30 s); and a Paho client that resends its own in-flight messages on a
 * new connection sends those it had given a topic alias with the alias only, which the new
 * connection does not know: Mosquitto closes it with a protocol error, again on every reconnect.
 * So this class keeps the unacknowledged messages itself and publishes them again, topic and all.
 *
 * <p>Subscribing again on every connect, rather than trusting a restored session, is what keeps
 * {@code $share} subscriptions: Mosquitto 2.0 restores plain subscriptions of a persistent
 * session after its own restart, but not shared ones. A repeated SUBSCRIBE only replaces one.
 *
 * <p>Made with {@link #builder}; {@link #start} begins connecting without waiting for the broker.
 */
public final class MqttConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttConnection.class);
    /** The PUBACK reason code of an accepted message that no subscription matched (MQTT 5). */
    public static final int NO_MATCHING_SUBSCRIBERS = 16;
    /** The client whose message a handler is taking, on that client's callback thread. */
    private static final ThreadLocal<MqttAsyncClient> ARRIVING_ON = new ThreadLocal<>();

    private final MqttConnectionSettings settings;
    private final Map<String, Integer> subscriptions = new ConcurrentHashMap<>();
    private final OfflineBuffer offline;
    /** Sent at QoS 1 and not acknowledged yet, in the order they were first sent. */
    private final Set<OutgoingMessage> inFlight = new LinkedHashSet<>();

    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong disconnectedNanos = new AtomicLong();
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
    private volatile long disconnectedSince = System.nanoTime();
    private volatile boolean everConnected;
    private volatile boolean subscribed;
    /** The client of the connection that is up, or null: each connection gets a client of its own. */
    private volatile MqttAsyncClient client;

    private volatile boolean closed;
    private volatile Thread connector;

    MqttConnection(MqttConnectionSettings settings) {
        this.settings = settings;
        settings.subscriptions().forEach(subscriptions::put);
        this.offline = new OfflineBuffer(settings.offlineBuffer());
    }

    /**
     * @param name names the connection in logs, metrics and health, e.g. {@code ingest-0}
     * @param url the broker, e.g. {@code tcp://127.0.0.1:1883}
     * @param clientId the MQTT client id; a persistent session needs the same one on every start
     */
    public static MqttConnectionSettings.Builder builder(String name, String url, String clientId) {
        return new MqttConnectionSettings.Builder(name, url, clientId);
    }

    /** Starts connecting in the background, and reconnecting whenever the connection is lost. */
    public synchronized MqttConnection start() {
        if (closed) {
            throw new IllegalStateException("connection " + name() + " is closed");
        }
        if (connector == null) {
            disconnectedSince = System.nanoTime();
            connector = new Thread(this::stayConnected, "mqtt-" + name());
            connector.setDaemon(true);
            connector.start();
        }
        return this;
    }

    public String name() {
        return settings.name();
    }

    public boolean connected() {
        MqttAsyncClient current = client;
        return current != null && current.isConnected();
    }

    /** Connected, and the broker granted every subscription: messages flow. */
    public boolean subscribed() {
        return subscribed && connected();
    }

    /**
     * Waits until the first connect is done (subscribed, birth sent), for a service that would
     * rather start connected when it can; false when that took longer than {@code timeout}.
     */
    public boolean awaitConnected(Duration timeout) {
        try {
            firstConnect.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Completed reconnects: connects after the first one. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Time spent not connected since {@link #start}, including the current outage. */
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
        MqttAsyncClient current = client;
        if (current != null && current.isConnected()) {
            // not on the caller's thread: that may be Paho's callback thread, which must stay free for the SUBACK
            Thread thread = new Thread(() -> subscribeAll(current, List.of(filter)), "mqtt-subscribe-" + name());
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Publishes. The future completes with the broker's answer at QoS 1 (or once written at QoS
     * 0), and fails when the message could not be sent. While disconnected, a connection with an
     * offline buffer keeps the message and sends it after reconnecting; one without fails at once.
     * On a persistent session, a QoS 1 message the broker had not acknowledged when the
     * connection was lost is sent again on the next one.
     */
    public CompletableFuture<Delivery> publish(String topic, byte[] payload, int qos, boolean retained) {
        OutgoingMessage message = new OutgoingMessage(topic, payload, qos, retained);
        if (offline.capacity() > 0 && offline.keepUnlessConnected(message, this::connected)) {
            return message.delivery;
        }
        MqttAsyncClient current = client;
        if (current == null) {
            message.delivery.completeExceptionally(
                    new MqttException(MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED));
        } else {
            send(current, message);
        }
        return message.delivery;
    }

    /**
     * The acknowledgement of a message that arrived (with manual acknowledgements), to be asked
     * for in the {@link MessageHandler}: sent only on the connection the message came on, since
     * after a reconnect the broker delivers the message again.
     */
    public Runnable acknowledgementFor(MqttMessage message) {
        int id = message.getId();
        int qos = message.getQos();
        MqttAsyncClient handling = ARRIVING_ON.get();
        MqttAsyncClient arrivedOn = handling != null ? handling : client;
        return () -> {
            if (qos == 0 || arrivedOn == null || !arrivedOn.isConnected()) {
                return;
            }
            try {
                arrivedOn.messageArrivedComplete(id, qos);
            } catch (MqttException e) {
                log.debug("acknowledgement of message {} on {} not sent: {}", id, name(), e.getMessage());
            }
        };
    }

    /**
     * Publishes one last message at QoS 1 (a retained {@code offline} on a device's status topic, say),
     * waits up to five seconds for the broker to take it, then disconnects cleanly. False when it was
     * not sent (not connected, or no answer): the broker then publishes the last will, if any.
     */
    public boolean closeWith(String topic, byte[] payload, boolean retained) {
        boolean sent = false;
        if (connected()) {
            try {
                sent = publish(topic, payload, 1, retained)
                        .get(5, TimeUnit.SECONDS)
                        .accepted();
            } catch (ExecutionException | TimeoutException e) {
                log.debug("last message of {} not sent: {}", name(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
        return sent;
    }

    /** Disconnects cleanly: the broker does not publish the last will. */
    @Override
    public void close() {
        MqttAsyncClient last = stopConnector();
        if (last == null) {
            return;
        }
        try {
            if (last.isConnected()) {
                last.disconnect(settings.attemptTimeout().toMillis()).waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            log.debug("disconnect of {} failed: {}", name(), e.getMessage());
        }
        retire(last);
    }

    /** Drops the connection without a DISCONNECT, as a crash or a power cut does: the broker publishes the will. */
    public void closeAbruptly() {
        MqttAsyncClient last = stopConnector();
        if (last != null) {
            retire(last);
        }
    }

    /** Stops reconnecting and fails what still waits; the client that was current, if any. */
    private synchronized MqttAsyncClient stopConnector() {
        if (closed) {
            return null;
        }
        closed = true;
        if (connector != null) {
            connector.interrupt();
        }
        MqttAsyncClient last = client;
        client = null;
        subscribed = false;
        offline.failAll("connection " + name() + " closed");
        failInFlight("connection " + name() + " closed");
        return last;
    }

    private void stayConnected() {
        Backoff backoff = new Backoff(settings.firstRetry(), settings.maxRetry());
        while (!closed) {
            MqttAsyncClient current = client;
            if (current != null && current.isConnected()) {
                // woken at once by a loss; the timeout also catches a loss Paho reported to nobody
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                continue;
            }
            if (current != null) {
                lost(current, "connection closed");
            }
            MqttAsyncClient fresh = connectOnce();
            if (fresh != null) {
                backoff.reset();
                afterConnect(fresh);
            } else {
                LockSupport.parkNanos(backoff.next().toNanos());
            }
        }
    }

    /** One attempt with a new client: the connected client, or null (and the client closed). */
    private MqttAsyncClient connectOnce() {
        MqttAsyncClient fresh;
        try {
            fresh = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("no MQTT client for " + settings.url() + ": " + e.getMessage(), e);
        }
        fresh.setManualAcks(settings.manualAcknowledgements());
        fresh.setCallback(new Callback(fresh));
        try {
            fresh.connect(settings.connectOptions())
                    .waitForCompletion(settings.attemptTimeout().toMillis() + 1_000);
            if (fresh.isConnected()) {
                return fresh;
            }
        } catch (MqttException e) {
            if (!closed) {
                log.warn("MQTT {} cannot connect to {}: {}", name(), settings.url(), describe(e));
            }
        }
        retire(fresh);
        return null;
    }

    private void afterConnect(MqttAsyncClient fresh) {
        List<OutgoingMessage> unacknowledged = unacknowledged(); // sent on the connection before, before anything new
        synchronized (this) {
            if (closed) {
                retire(fresh);
                return;
            }
            client = fresh;
        }
        disconnectedNanos.addAndGet(System.nanoTime() - disconnectedSince);
        boolean reconnect = everConnected;
        everConnected = true;
        if (reconnect) {
            reconnects.incrementAndGet();
        }
        log.info("MQTT {} {} to {}", name(), reconnect ? "reconnected" : "connected", settings.url());
        subscribed = subscribeAll(fresh, List.copyOf(subscriptions.keySet()));
        settings.birth().ifPresent(birth -> send(fresh, birth.toOutgoing()));
        unacknowledged.forEach(message -> send(fresh, message));
        offline.drain(this::connected, message -> send(fresh, message));
        settings.listener().connected(reconnect);
        firstConnect.complete(null);
    }

    /** Called once per connection that was up: from Paho's callback, or from the loop when Paho said nothing. */
    private void lost(MqttAsyncClient gone, String cause) {
        synchronized (this) {
            if (client != gone) {
                return;
            }
            client = null;
        }
        subscribed = false;
        disconnectedSince = System.nanoTime();
        if (!settings.persistent()) {
            failInFlight("connection lost: " + cause); // a clean session forgets them; so do we
        }
        if (!closed) {
            log.warn("MQTT {} lost its connection: {}", name(), cause);
            settings.listener().lost(cause);
            LockSupport.unpark(connector);
        }
        Thread retiring = new Thread(() -> retire(gone), "mqtt-retire-" + name());
        retiring.setDaemon(true);
        retiring.start();
    }

    /** Closes a client that is done with; its threads end, and what it still held is ours to resend. */
    private void retire(MqttAsyncClient old) {
        try {
            old.disconnectForcibly(0, 1_000, false);
        } catch (MqttException e) {
            log.debug("forced disconnect of an old client of {}: {}", name(), e.getMessage());
        }
        try {
            old.close(true);
        } catch (MqttException e) {
            log.debug("close of an old client of {}: {}", name(), e.getMessage());
        }
    }

    /** Runs off Paho's callback thread, which must stay free to deliver the SUBACK. */
    private boolean subscribeAll(MqttAsyncClient on, List<String> filters) {
        if (filters.isEmpty()) {
            return true;
        }
        MqttSubscription[] wanted = filters.stream()
                .map(filter -> new MqttSubscription(filter, subscriptions.getOrDefault(filter, 1)))
                .toArray(MqttSubscription[]::new);
        try {
            IMqttToken token = on.subscribe(wanted);
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

    private void send(MqttAsyncClient on, OutgoingMessage message) {
        boolean tracked = message.qos > 0;
        if (tracked) {
            synchronized (inFlight) {
                inFlight.add(message);
            }
        }
        while (true) {
            try {
                on.publish(
                        message.topic,
                        new MqttMessage(message.payload, message.qos, message.retained, null),
                        null,
                        new Completion(message, on));
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT && on.isConnected() && !closed) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // wait for PUBACKs to free a slot
                    continue;
                }
                if (on.isConnected() || !tracked || !settings.persistent() || closed) {
                    settled(message);
                    message.delivery.completeExceptionally(e);
                } // else: the connection just went, and the message waits in flight for the next one
                return;
            } catch (RuntimeException e) {
                settled(message);
                message.delivery.completeExceptionally(e);
                return;
            }
        }
    }

    private void settled(OutgoingMessage message) {
        synchronized (inFlight) {
            inFlight.remove(message);
        }
    }

    private List<OutgoingMessage> unacknowledged() {
        synchronized (inFlight) {
            return new ArrayList<>(inFlight);
        }
    }

    private void failInFlight(String why) {
        List<OutgoingMessage> failed;
        synchronized (inFlight) {
            failed = new ArrayList<>(inFlight);
            inFlight.clear();
        }
        failed.forEach(message -> message.delivery.completeExceptionally(new IllegalStateException(why)));
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

    /** One message to publish; identity, not content, tells two apart. */
    static final class OutgoingMessage {

        final String topic;
        final byte[] payload;
        final int qos;
        final boolean retained;
        final CompletableFuture<Delivery> delivery = new CompletableFuture<>();

        OutgoingMessage(String topic, byte[] payload, int qos, boolean retained) {
            this.topic = topic;
            this.payload = payload;
            this.qos = qos;
            this.retained = retained;
        }
    }

    private final class Completion implements MqttActionListener {

        private final OutgoingMessage message;
        private final MqttAsyncClient sentOn;

        Completion(OutgoingMessage message, MqttAsyncClient sentOn) {
            this.message = message;
            this.sentOn = sentOn;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            settled(message);
            int[] codes = token.getReasonCodes();
            message.delivery.complete(new Delivery(codes == null || codes.length == 0 ? 0 : codes[0]));
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
            if (message.qos > 0 && settings.persistent() && !closed && !sentOn.isConnected()) {
                return; // its connection went (Paho fails the tokens before it says so): sent again on the next one
            }
            settled(message);
            message.delivery.completeExceptionally(failure);
        }
    }

    private final class Callback implements MqttCallback {

        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            ARRIVING_ON.set(owner);
            try {
                settings.handler().arrived(topic, message);
            } finally {
                ARRIVING_ON.remove();
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            lost(
                    owner,
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
