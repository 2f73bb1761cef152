package home.connected.auth.device;

import home.connected.access.ApiException;
import home.connected.mqtt.ConnectionListener;
import home.connected.mqtt.MqttConnection;
import home.connected.mqtt.MqttConnectionMetrics;
import home.connected.mqtt.MqttConnectionsHealth;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * auth-service's one MQTT connection, as the broker's admin: it sends dynamic-security commands and
 * watches device status. It waits a moment for the broker at start, then stays connected in the
 * background, so the service runs (and answers UNAVAILABLE for device calls) while the broker is away.
 */
@Component
class BrokerConnection implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BrokerConnection.class);

    private final Properties properties;
    private final MqttConnection connection;
    private final Map<String, BiConsumer<String, MqttMessage>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> onConnected = new CopyOnWriteArrayList<>();

    BrokerConnection(Properties properties) {
        this.properties = properties;
        this.connection = MqttConnection.builder("auth-admin", properties.url(), "auth-service-" + UUID.randomUUID())
                .credentials(properties.adminUser(), properties.adminPassword())
                .attemptTimeout(properties.commandTimeout())
                .onMessage(this::dispatch)
                .listener(new ConnectionListener() {
                    @Override
                    public void connected(boolean reconnect) {
                        onConnected.forEach(Runnable::run);
                    }
                })
                .build()
                .start();
        if (!connection.awaitConnected(properties.commandTimeout())) {
            log.warn("the MQTT broker at {} is not reachable yet; connecting in the background", properties.url());
        }
    }

    /** Subscribes now when connected, and again after every reconnect. */
    void subscribe(String filter, BiConsumer<String, MqttMessage> handler) {
        handlers.put(filter, handler);
        connection.subscribe(filter, 1);
    }

    /** Runs after every (re)connect, on the connection's thread: hand real work to another one. */
    void onConnected(Runnable action) {
        onConnected.add(action);
    }

    void publish(String topic, String payload) {
        publish(topic, payload, false);
    }

    void publish(String topic, String payload, boolean retained) {
        if (!connection.connected()) {
            throw ApiException.unavailable("the MQTT broker is not reachable; try again shortly");
        }
        try {
            MqttConnection.Delivery delivery = connection
                    .publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained)
                    .get(properties.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!delivery.accepted()) {
                log.warn("the broker refused a publish to {}: reason {}", topic, delivery.reasonCode());
                throw ApiException.unavailable("the MQTT broker did not take the command; try again shortly");
            }
        } catch (ExecutionException | TimeoutException e) {
            log.warn("publishing to {} failed: {}", topic, e.toString());
            throw ApiException.unavailable("the MQTT broker did not take the command; try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while sending the command to the MQTT broker");
        }
    }

    Duration commandTimeout() {
        return properties.commandTimeout();
    }

    MqttConnection connection() {
        return connection;
    }

    @Override
    public void destroy() {
        connection.close();
    }

    private void dispatch(String topic, MqttMessage message) {
        handlers.forEach((filter, handler) -> {
            if (MqttTopicValidator.isMatched(filter, topic)) {
                try {
                    handler.accept(topic, message);
                } catch (RuntimeException e) {
                    log.warn("handling a message on {} failed: {}", topic, e.toString());
                }
            }
        });
    }

    @ConfigurationProperties("ch.auth.mqtt")
    record Properties(String url, String adminUser, String adminPassword, Duration commandTimeout) {}

    @Configuration(proxyBeanMethods = false)
    static class Monitoring {

        /** DOWN while the admin connection is away: device calls answer UNAVAILABLE then. Not part of readiness. */
        @Bean
        MqttConnectionsHealth mqttHealthIndicator(BrokerConnection broker) {
            return new MqttConnectionsHealth(List.of(broker.connection()));
        }

        @Bean
        MqttConnectionMetrics mqttConnectionMetrics(BrokerConnection broker) {
            return new MqttConnectionMetrics(List.of(broker.connection()));
        }
    }
}
