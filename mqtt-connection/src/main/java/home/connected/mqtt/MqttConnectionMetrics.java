package home.connected.mqtt;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Per connection, tagged {@code connection}: {@code mqtt_connection_connected} (1 or 0),
 * {@code mqtt_connection_reconnects_total} and {@code mqtt_connection_disconnected_seconds_total}.
 * The connections are looked up by name on every scrape, so a service that makes a new connection
 * with the same name (after a restart of its context) keeps its series.
 */
public final class MqttConnectionMetrics implements MeterBinder {

    private final Supplier<List<MqttConnection>> connections;

    public MqttConnectionMetrics(Supplier<List<MqttConnection>> connections) {
        this.connections = connections;
    }

    public MqttConnectionMetrics(List<MqttConnection> connections) {
        this(() -> connections);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (MqttConnection connection : connections.get()) {
            String name = connection.name();
            Gauge.builder("mqtt.connection.connected", this, of(name, c -> c.connected() ? 1 : 0))
                    .description("Whether the MQTT connection is up")
                    .tag("connection", name)
                    .register(registry);
            FunctionCounter.builder("mqtt.connection.reconnects", this, of(name, MqttConnection::reconnects))
                    .description("Reconnects after the first connect")
                    .tag("connection", name)
                    .register(registry);
            FunctionCounter.builder(
                            "mqtt.connection.disconnected",
                            this,
                            of(name, c -> c.disconnectedTime().toNanos() / 1e9))
                    .description("Time spent without a connection to the broker")
                    .baseUnit("seconds")
                    .tag("connection", name)
                    .register(registry);
        }
    }

    private ToDoubleFunction<MqttConnectionMetrics> of(String name, ToDoubleFunction<MqttConnection> value) {
        return metrics -> metrics.connections.get().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .map(value::applyAsDouble)
                .orElse(Double.NaN);
    }
}
