package home.connected.query.live;

import home.connected.mqtt.MqttConnectionMetrics;
import home.connected.mqtt.MqttConnectionsHealth;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The live stream's broker connection in health ({@code mqtt}, not part of readiness) and metrics. */
@Configuration(proxyBeanMethods = false)
class LiveConnectionMonitoring {

    @Bean
    MqttConnectionsHealth mqttHealthIndicator(StoredReadingsSubscriber subscriber) {
        return new MqttConnectionsHealth(subscriber::connections);
    }

    @Bean
    MqttConnectionMetrics mqttConnectionMetrics(StoredReadingsSubscriber subscriber) {
        return new MqttConnectionMetrics(subscriber::connections);
    }
}
