package home.connected.query.live;

import home.connected.query.QueryProperties;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Subscribes to the readings ingest-service has stored and hands them to {@link LiveReadings}. A
 * clean session with a client id of its own per replica: a live stream only wants what happens
 * from now on. Paho reconnects by itself once the first connect succeeded; until then this retries.
 */
@Component
class StoredReadingsSubscriber implements SmartLifecycle, MqttCallback {

    private static final Logger log = LoggerFactory.getLogger(StoredReadingsSubscriber.class);

    private final QueryProperties.Mqtt settings;
    private final LiveReadings live;
    private final StoredReadingsJson json;
    private volatile MqttAsyncClient client;
    private volatile boolean running;
    private volatile boolean subscribed;

    StoredReadingsSubscriber(QueryProperties properties, LiveReadings live, JsonMapper json) {
        this.settings = properties.mqtt();
        this.live = live;
        this.json = new StoredReadingsJson(json);
    }

    /** A new client on every start: a stopped context may be started again, and a closed Paho client cannot. */
    @Override
    public synchronized void start() {
        try {
            client = new MqttAsyncClient(
                    settings.url(),
                    settings.clientIdPrefix() + "-"
                            + UUID.randomUUID().toString().substring(0, 8),
                    new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("MQTT client for " + settings.url() + " cannot be created", e);
        }
        client.setCallback(this);
        running = true;
        connect(client);
    }

    @Override
    public synchronized void stop() {
        running = false;
        subscribed = false;
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            log.debug("MQTT disconnect failed: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Connected and subscribed: live readings arrive. */
    boolean receiving() {
        MqttAsyncClient current = client;
        return subscribed && current != null && current.isConnected();
    }

    private void connect(MqttAsyncClient client) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(settings.username());
        options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 10);
        options.setKeepAliveInterval(30);
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {}

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    log.warn("MQTT cannot connect to {}: {}; retrying", settings.url(), failure.getMessage());
                    retryConnect(client);
                }
            });
        } catch (MqttException e) {
            log.warn("MQTT cannot connect to {}: {}; retrying", settings.url(), e.getMessage());
            retryConnect(client);
        }
    }

    private void retryConnect(MqttAsyncClient client) {
        if (running && client == this.client) {
            Thread retry = new Thread(
                    () -> {
                        try {
                            Thread.sleep(2_000);
                            if (running && client == this.client && !client.isConnected()) {
                                connect(client);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "query-mqtt-connect");
            retry.setDaemon(true);
            retry.start();
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        log.info("MQTT {} to {}", reconnect ? "reconnected" : "connected", serverUri);
        try {
            client.subscribe(settings.topic(), 1, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    subscribed = codes == null || codes.length == 0 || codes[0] < 0x80;
                    if (!subscribed) {
                        log.error("MQTT may not subscribe to {} (reason {})", settings.topic(), codes[0]);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    log.error("MQTT subscribe to {} failed: {}", settings.topic(), failure.getMessage());
                }
            });
        } catch (MqttException e) {
            log.error("MQTT subscribe to {} failed: {}", settings.topic(), e.getMessage());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        json.parse(message.getPayload()).forEach(live::publish);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        subscribed = false;
        if (running) {
            log.warn("MQTT lost its connection: {}", response.getReasonString());
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
