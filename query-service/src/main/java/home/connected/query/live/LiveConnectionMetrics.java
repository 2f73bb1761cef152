package home.connected.query.live;

import home.connected.mqtt.MqttConnectionMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LiveConnectionMetrics {

    @Bean
    MqttConnectionMetrics mqttConnectionMetrics(StoredReadingsSubscriber subscriber) {
        return new MqttConnectionMetrics(subscriber::connections);
    }
}
