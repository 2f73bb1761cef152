package home.connected.alert.stream;

import home.connected.mqtt.MqttConnectionMetrics;
import home.connected.mqtt.MqttConnectionsHealth;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The broker connection in health ({@code mqtt}) and metrics. */
@Configuration(proxyBeanMethods = false)
class BrokerMonitoring {

    @Bean
    MqttConnectionsHealth mqttHealthIndicator(AlertBroker broker) {
        return new MqttConnectionsHealth(broker::connections);
    }

    @Bean
    MqttConnectionMetrics mqttConnectionMetrics(AlertBroker broker) {
        return new MqttConnectionMetrics(broker::connections);
    }
}
