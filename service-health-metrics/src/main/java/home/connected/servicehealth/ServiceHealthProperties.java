package home.connected.servicehealth;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dependencies the {@code dependency} tag of service_dependency_up by the name of the health
 *     contributor that tells it; a service gets a gauge for each contributor it has
 */
@ConfigurationProperties("ch.metrics")
public record ServiceHealthProperties(Map<String, String> dependencies) {

    public ServiceHealthProperties {
        if (dependencies == null || dependencies.isEmpty()) {
            dependencies = new LinkedHashMap<>();
            dependencies.put("mariadb", "db");
            dependencies.put("influxdb", "influx");
            dependencies.put("mqtt", "mqtt");
        }
        dependencies = Map.copyOf(dependencies);
    }
}
