package home.connected.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** What a {@link MqttConnection} is made of; built with {@link MqttConnection#builder}. */
public record MqttConnectionSettings(
        String name,
        String url,
        String clientId,
        String username,
        String password,
        Duration sessionExpiry,
        Integer receiveMaximum,
        boolean manualAcknowledgements,
        Duration keepAlive,
        Duration attemptTimeout,
        Duration firstRetry,
        Duration maxRetry,
        Optional<FixedMessage> birth,
        Optional<FixedMessage> will,
        Map<String, Integer> subscriptions,
        MessageHandler handler,
        ConnectionListener listener,
        int offlineBuffer,
        SocketFactory socketFactory) {

    /** A persistent session (no clean start, kept this long by the broker), or a clean one when null. */
    boolean persistent() {
        return sessionExpiry != null;
    }

    MqttConnectionOptions connectOptions() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password == null ? null : password.getBytes(StandardCharsets.UTF_8));
        }
        options.setCleanStart(!persistent());
        if (persistent()) {
            options.setSessionExpiryInterval(sessionExpiry.toSeconds());
        }
        if (receiveMaximum != null) {
            options.setReceiveMaximum(receiveMaximum);
        }
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) Math.max(1, attemptTimeout.toSeconds()));
        options.setKeepAliveInterval((int) keepAlive.toSeconds());
        will.ifPresent(w -> options.setWill(w.topic(), w.toMessage()));
        if (socketFactory != null) {
            options.setSocketFactory(socketFactory);
        }
        return options;
    }

    /** A birth or last-will message: the same bytes on every connect. */
    record FixedMessage(String topic, byte[] payload, int qos, boolean retained) {

        MqttMessage toMessage() {
            return new MqttMessage(payload, qos, retained, null);
        }

        MqttConnection.OutgoingMessage toOutgoing() {
            return new MqttConnection.OutgoingMessage(topic, payload, qos, retained);
        }
    }

    /** Builds a connection; everything but name, url and client id has a default. */
    public static final class Builder {

        private final String name;
        private final String url;
        private final String clientId;
        private String username;
        private String password;
        private Duration sessionExpiry;
        private Integer receiveMaximum;
        private boolean manualAcknowledgements;
        private Duration keepAlive = Duration.ofSeconds(30);
        private Duration attemptTimeout = Duration.ofSeconds(10);
        private Duration firstRetry = Duration.ofMillis(250);
        private Duration maxRetry = Duration.ofSeconds(5);
        private FixedMessage birth;
        private FixedMessage will;
        private final Map<String, Integer> subscriptions = new LinkedHashMap<>();
        private MessageHandler handler = MessageHandler.IGNORE;
        private ConnectionListener listener = ConnectionListener.NONE;
        private int offlineBuffer;
        private SocketFactory socketFactory;

        Builder(String name, String url, String clientId) {
            this.name = Objects.requireNonNull(name, "name");
            this.url = Objects.requireNonNull(url, "url");
            this.clientId = Objects.requireNonNull(clientId, "clientId");
        }

        /** Username and password; a null or empty username connects without. */
        public Builder credentials(String username, String password) {
            this.username = username == null || username.isEmpty() ? null : username;
            this.password = password;
            return this;
        }

        /** A persistent session the broker keeps for {@code expiry} after a loss; the default is a clean session. */
        public Builder persistentSession(Duration expiry) {
            this.sessionExpiry = Objects.requireNonNull(expiry, "expiry");
            return this;
        }

        /** Unacknowledged QoS 1 messages the broker may send at once. */
        public Builder receiveMaximum(int receiveMaximum) {
            this.receiveMaximum = receiveMaximum;
            return this;
        }

        /** Messages are acknowledged through {@link MqttConnection#acknowledgementFor}, not on arrival. */
        public Builder manualAcknowledgements() {
            this.manualAcknowledgements = true;
            return this;
        }

        public Builder keepAlive(Duration keepAlive) {
            this.keepAlive = keepAlive;
            return this;
        }

        /** How long one connect (or subscribe) attempt may take before it counts as failed. */
        public Builder attemptTimeout(Duration attemptTimeout) {
            this.attemptTimeout = attemptTimeout;
            return this;
        }

        /** The wait after the first failed attempt, doubled after each further one up to {@code max}. */
        public Builder retry(Duration first, Duration max) {
            this.firstRetry = first;
            this.maxRetry = max;
            return this;
        }

        /** Published at QoS 1 after every connect, e.g. a retained {@code online}. */
        public Builder birth(String topic, String payload, boolean retained) {
            this.birth = new FixedMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
            return this;
        }

        /** Published by the broker (QoS 1) when the connection ends without a DISCONNECT. */
        public Builder will(String topic, String payload, boolean retained) {
            this.will = new FixedMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
            return this;
        }

        public Builder subscribe(String filter, int qos) {
            subscriptions.put(filter, qos);
            return this;
        }

        public Builder onMessage(MessageHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        public Builder listener(ConnectionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Keep up to this many messages published while disconnected and send them after reconnecting. */
        public Builder offlineBuffer(int messages) {
            if (messages < 0) {
                throw new IllegalArgumentException("offline buffer must not be negative: " + messages);
            }
            this.offlineBuffer = messages;
            return this;
        }

        /** The sockets to connect with, e.g. TLS trusting a private CA; null: Paho's default for the URL. */
        public Builder socketFactory(SocketFactory socketFactory) {
            this.socketFactory = socketFactory;
            return this;
        }

        public MqttConnection build() {
            return new MqttConnection(new MqttConnectionSettings(
                    name,
                    url,
                    clientId,
                    username,
                    password,
                    sessionExpiry,
                    receiveMaximum,
                    manualAcknowledgements,
                    keepAlive,
                    attemptTimeout,
                    firstRetry,
                    maxRetry,
                    Optional.ofNullable(birth),
                    Optional.ofNullable(will),
                    Map.copyOf(subscriptions),
                    handler,
                    listener,
                    offlineBuffer,
                    socketFactory));
        }
    }
}
