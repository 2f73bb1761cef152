package home.connected.agent.simulation;

import home.connected.mqtt.MqttConnectionsHealth;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SimulationProperties.class)
class SimulationConfiguration {

    /** UP while every simulated device is connected to the broker. */
    @Bean
    @ConditionalOnBooleanProperty("ch.agent.simulation.enabled")
    MqttConnectionsHealth mqttHealthIndicator(Simulation simulation) {
        return new MqttConnectionsHealth(simulation::connections);
    }
}
