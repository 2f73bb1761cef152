package home.connected.servicehealth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dependencies the {@code dependency} tag of service_dependency_up by the name of the health
 *     contributor that tells it; a service gets a gauge for each contributor it has
 * @param refresh how often the health indicators are asked (5 s)
 * @param timeout how long a question may go unanswered before its dependency counts as down (5 s)
 */
@ConfigurationProperties("ch.metrics")
public record ServiceHealthProperties(Map<String, String> dependencies, Duration refresh, Duration timeout) {

    public ServiceHealthProperties {
        if (dependencies == null || dependencies.isEmpty()) {
            dependencies = new LinkedHashMap<>();
            dependencies.put("mariadb", "db");
            dependencies.put("influxdb", "influx");
            dependencies.put("mqtt", "mqtt");
        }
        dependencies = Map.copyOf(dependencies);
        refresh = refresh == null ? Duration.ofSeconds(5) : refresh;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    }
}
