package home.connected.mqtt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP while every connection is connected and subscribed; the details say which is not. */
public final class MqttConnectionsHealth implements HealthIndicator {

    private final Supplier<List<MqttConnection>> connections;

    public MqttConnectionsHealth(Supplier<List<MqttConnection>> connections) {
        this.connections = connections;
    }

    public MqttConnectionsHealth(List<MqttConnection> connections) {
        this(() -> connections);
    }

    @Override
    public Health health() {
        boolean up = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (MqttConnection connection : connections.get()) {
            up &= connection.subscribed();
            details.put(
                    connection.name(),
                    Map.of(
                            "connected", connection.connected(),
                            "subscribed", connection.subscribed(),
                            "reconnects", connection.reconnects(),
                            "disconnectedSeconds", connection.disconnectedTime().toSeconds()));
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
