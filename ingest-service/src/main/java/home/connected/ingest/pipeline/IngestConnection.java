package home.connected.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection of the consumer: a persistent session (fixed client id, session expiry,
 * no clean start) that joins the shared subscriptions at QoS 1 and acknowledges manually. It
 * subscribes again after every (re)connect, so a broker that lost its state is no problem.
 */
final class IngestConnection implements MqttCallback, Outbox {

    private static final Logger log = LoggerFactory.getLogger(IngestConnection.class);
    private static final Duration RETRY_CONNECT = Duration.ofSeconds(2);
    /** How long one connection attempt may take before it counts as failed and the next one starts. */
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** PUBACK reason code: accepted, but no subscription matched (MQTT 5). */
    private static final int NO_MATCHING_SUBSCRIBERS = 16;

    interface Intake {
        void accept(IngestConnection connection, String topic, MqttMessage message) throws InterruptedException;
    }

    private final IngestProperties.Mqtt settings;
    private final List<String> subscriptions;
    private final String clientId;
    private final Intake intake;
    private final MqttAsyncClient client;
    /** Changes on every connect and loss: an acknowledgement for a message of an earlier connection is not sent. */
    private final AtomicInteger generation = new AtomicInteger();

    private volatile boolean stopped;
    private volatile boolean subscribed;
    private volatile Thread connector;
    private volatile boolean connectedBefore;

    IngestConnection(IngestProperties.Mqtt settings, List<String> subscriptions, int index, Intake intake)
            throws MqttException {
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.clientId = settings.clientId() + "-" + index;
        this.intake = intake;
        this.client = new MqttAsyncClient(settings.url(), clientId, new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(this);
    }

    /** Connects in the background and connects again whenever the connection is lost, until stopped. */
    synchronized void start() {
        connector = Threads.start("mqtt-connect-" + clientId, this::stayConnected);
    }

    synchronized void stop() {
        stopped = true;
        if (connector != null) {
            connector.interrupt();
        }
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            log.debug("disconnect of {} failed: {}", clientId, e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("close of {} failed: {}", clientId, e.getMessage());
        }
    }

    /** Connected and subscribed: messages flow. */
    boolean consuming() {
        return subscribed && client.isConnected();
    }

    String clientId() {
        return clientId;
    }

    /** The acknowledgement for a message that arrived on this connection (nothing to send for QoS 0). */
    PendingMessage.Acknowledgement acknowledgementFor(MqttMessage message) {
        int id = message.getId();
        int qos = message.getQos();
        int arrivedIn = generation.get();
        return () -> {
            if (qos == 0 || generation.get() != arrivedIn || !client.isConnected()) {
                return; // the broker delivers it again on the next connection; the rewrite is harmless
            }
            try {
                client.messageArrivedComplete(id, qos);
            } catch (MqttException e) {
                log.debug("acknowledgement of message {} on {} not sent: {}", id, clientId, e.getMessage());
            }
        };
    }

    @Override
    public void publish(String topic, byte[] payload, Consumer<Boolean> whenDone) {
        publishAtLeastOnce(topic, payload, token -> whenDone.accept(true), failure -> {
            log.warn("publish to {} failed: {}", topic, failure);
            whenDone.accept(false);
        });
    }

    @Override
    public void publishQuietly(String topic, byte[] payload) {
        try {
            client.publish(topic, new MqttMessage(payload, 0, false, null));
        } catch (MqttException | RuntimeException e) {
            log.debug("announcement on {} not sent: {}", topic, e.getMessage());
        }
    }

    @Override
    public void publishProbe(String topic, byte[] payload, Consumer<Boolean> listening) {
        publishAtLeastOnce(
                topic,
                payload,
                token -> {
                    int[] codes = token.getReasonCodes();
                    listening.accept(codes == null || codes.length == 0 || codes[0] != NO_MATCHING_SUBSCRIBERS);
                },
                failure -> {
                    log.debug("announcement on {} not sent: {}", topic, failure);
                    listening.accept(true);
                });
    }

    /** Publishes at QoS 1: {@code accepted} gets the broker's acknowledgement, {@code failed} why none came. */
    private void publishAtLeastOnce(
            String topic, byte[] payload, Consumer<IMqttToken> accepted, Consumer<String> failed) {
        try {
            client.publish(topic, new MqttMessage(payload, 1, false, null), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    accepted.accept(token);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    failed.accept(failure.getMessage());
                }
            });
        } catch (MqttException | RuntimeException e) {
            failed.accept(e.getMessage());
        }
    }

    /**
     * The one reconnect mechanism. Paho's automatic reconnect is off: after a broker restart it was
     * seen to open a socket, drop it and try no more for as long as a test waited (30 s).
     */
    private void stayConnected() {
        MqttConnectionOptions options = options();
        while (!stopped) {
            if (!client.isConnected()) {
                try {
                    client.connect(options).waitForCompletion(CONNECT_TIMEOUT_SECONDS * 1_000L);
                } catch (MqttException e) {
                    log.warn("MQTT {} cannot connect to {}: {}", clientId, settings.url(), e.getMessage());
                }
            }
            LockSupport.parkNanos(RETRY_CONNECT.toNanos()); // woken early when the connection is lost
            if (Thread.interrupted()) {
                return;
            }
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(settings.username());
        options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        options.setReceiveMaximum(settings.receiveMaximum());
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        options.setKeepAliveInterval(30);
        return options;
    }

    /** Runs on its own thread: Paho's callback thread must stay free to deliver the SUBACK. */
    private void subscribe() {
        MqttSubscription[] subscriptions = this.subscriptions.stream()
                .map(filter -> new MqttSubscription(filter, 1))
                .toArray(MqttSubscription[]::new);
        try {
            IMqttToken token = client.subscribe(subscriptions);
            token.waitForCompletion(10_000);
            int[] codes = token.getReasonCodes();
            boolean refused = false;
            for (int i = 0; codes != null && i < codes.length && i < subscriptions.length; i++) {
                if (codes[i] >= 0x80) {
                    refused = true;
                    log.error(
                            "MQTT {} may not subscribe to {} (reason {})",
                            clientId,
                            subscriptions[i].getTopic(),
                            codes[i]);
                }
            }
            subscribed = !refused;
        } catch (MqttException e) {
            log.error("MQTT {} subscribe failed: {}", clientId, e.getMessage());
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        generation.incrementAndGet();
        subscribed = false;
        log.info("MQTT {} {} to {}", clientId, connectedBefore ? "reconnected" : "connected", serverUri);
        connectedBefore = true;
        Threads.start("mqtt-subscribe-" + clientId, this::subscribe);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        generation.incrementAndGet();
        subscribed = false;
        if (!stopped) {
            log.warn("MQTT {} lost its connection: {}", clientId, response.getReasonString());
            LockSupport.unpark(connector);
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
        intake.accept(this, topic, message);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("MQTT {} error: {}", clientId, exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
