package home.connected.servicehealth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gauges against Spring Boot's own health and availability machinery, as a service has it. */
class ServiceHealthMetricsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ApplicationAvailabilityAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class,
                    AvailabilityHealthContributorAutoConfiguration.class,
                    AvailabilityProbesAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class,
                    ServiceHealthMetricsAutoConfiguration.class))
            .withUserConfiguration(InfluxOnly.class)
            .withPropertyValues(
                    "management.endpoint.health.probes.enabled=true",
                    "management.endpoint.health.group.readiness.include=readinessState,influx");

    @Test
    void readyFollowsTheReadinessStateAndTheReadinessGroup() {
        context.run(app -> {
            MeterRegistry meters = bound(app);
            AvailabilityChangeEvent.publish(app, ReadinessState.ACCEPTING_TRAFFIC);
            assertThat(ready(meters)).isEqualTo(1);

            AvailabilityChangeEvent.publish(app, ReadinessState.REFUSING_TRAFFIC);
            assertThat(ready(meters)).isEqualTo(0);

            AvailabilityChangeEvent.publish(app, ReadinessState.ACCEPTING_TRAFFIC);
            app.getBean(InfluxOnly.class).influxUp.set(false);
            assertThat(ready(meters)).isEqualTo(0);

            app.getBean(InfluxOnly.class).influxUp.set(true);
            assertThat(ready(meters)).isEqualTo(1);
        });
    }

    @Test
    void aDependencyGaugeExistsOnlyForTheIndicatorsTheServiceHasAndFollowsIt() {
        context.run(app -> {
            MeterRegistry meters = bound(app);
            assertThat(meters.find(ServiceHealthMetrics.DEPENDENCY_UP).gauges())
                    .singleElement()
                    .satisfies(gauge ->
                            assertThat(gauge.getId().getTag("dependency")).isEqualTo("influxdb"));
            assertThat(influxUp(meters)).isEqualTo(1);
            app.getBean(InfluxOnly.class).influxUp.set(false);
            assertThat(influxUp(meters)).isEqualTo(0);
        });
    }

    private static MeterRegistry bound(AssertableApplicationContext app) {
        MeterRegistry meters = new SimpleMeterRegistry();
        app.getBean(ServiceHealthMetrics.class).bindTo(meters);
        return meters;
    }

    private static double ready(MeterRegistry meters) {
        return meters.get(ServiceHealthMetrics.READY).gauge().value();
    }

    private static double influxUp(MeterRegistry meters) {
        return meters.get(ServiceHealthMetrics.DEPENDENCY_UP)
                .tag("dependency", "influxdb")
                .gauge()
                .value();
    }

    @Configuration(proxyBeanMethods = false)
    static class InfluxOnly {

        final AtomicBoolean influxUp = new AtomicBoolean(true);

        @Bean
        HealthIndicator influxHealthIndicator() {
            return () -> influxUp.get() ? Health.up().build() : Health.down().build();
        }
    }
}
