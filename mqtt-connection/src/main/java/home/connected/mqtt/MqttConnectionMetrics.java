package home.connected.mqtt;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;

/**
 * Per connection, tagged {@code connection}: {@code mqtt_connection_connected} (1 or 0),
 * {@code mqtt_connection_reconnects_total} and {@code mqtt_connection_disconnected_seconds_total}.
 */
public final class MqttConnectionMetrics implements MeterBinder {

    private final List<MqttConnection> connections;

    public MqttConnectionMetrics(List<MqttConnection> connections) {
        this.connections = List.copyOf(connections);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (MqttConnection connection : connections) {
            Gauge.builder("mqtt.connection.connected", connection, c -> c.connected() ? 1 : 0)
                    .description("Whether the MQTT connection is up")
                    .tag("connection", connection.name())
                    .register(registry);
            FunctionCounter.builder("mqtt.connection.reconnects", connection, MqttConnection::reconnects)
                    .description("Reconnects after the first connect")
                    .tag("connection", connection.name())
                    .register(registry);
            FunctionCounter.builder(
                            "mqtt.connection.disconnected",
                            connection,
                            c -> c.disconnectedTime().toNanos() / 1e9)
                    .description("Time spent without a connection to the broker")
                    .baseUnit("seconds")
                    .tag("connection", connection.name())
                    .register(registry);
        }
    }
}
