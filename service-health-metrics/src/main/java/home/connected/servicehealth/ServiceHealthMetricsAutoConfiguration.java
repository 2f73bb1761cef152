package home.connected.servicehealth;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;

/** Every service that depends on this module publishes service_ready and service_dependency_up. */
@AutoConfiguration
@ConditionalOnClass({HealthEndpoint.class, MeterRegistry.class})
@EnableConfigurationProperties(ServiceHealthProperties.class)
public class ServiceHealthMetricsAutoConfiguration {

    @Bean
    ServiceHealthMetrics serviceHealthMetrics(
            ObjectProvider<ApplicationAvailability> availability,
            ObjectProvider<HealthEndpoint> health,
            ObjectProvider<HealthContributorRegistry> contributors,
            ServiceHealthProperties properties) {
        return new ServiceHealthMetrics(availability, health, contributors, properties);
    }
}
