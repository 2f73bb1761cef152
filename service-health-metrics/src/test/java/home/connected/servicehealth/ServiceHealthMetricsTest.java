package home.connected.servicehealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
                    "management.endpoint.health.group.readiness.include=readinessState,influx",
                    "ch.metrics.refresh=50ms",
                    "ch.metrics.timeout=500ms");

    @Test
    void readyFollowsTheReadinessStateAndTheReadinessGroup() {
        context.run(app -> {
            MeterRegistry meters = bound(app);
            AvailabilityChangeEvent.publish(app, ReadinessState.ACCEPTING_TRAFFIC);
            awaitReady(meters, 1);

            AvailabilityChangeEvent.publish(app, ReadinessState.REFUSING_TRAFFIC);
            awaitReady(meters, 0);

            AvailabilityChangeEvent.publish(app, ReadinessState.ACCEPTING_TRAFFIC);
            app.getBean(InfluxOnly.class).influxUp.set(false);
            awaitReady(meters, 0);

            app.getBean(InfluxOnly.class).influxUp.set(true);
            awaitReady(meters, 1);
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
            await().untilAsserted(() -> assertThat(influxUp(meters)).isEqualTo(1));
            app.getBean(InfluxOnly.class).influxUp.set(false);
            await().untilAsserted(() -> assertThat(influxUp(meters)).isEqualTo(0));
        });
    }

    @Test
    void aHealthCheckThatHangsCountsAsDownWithoutHoldingUpTheScrape() {
        context.run(app -> {
            MeterRegistry meters = bound(app);
            await().untilAsserted(() -> assertThat(influxUp(meters)).isEqualTo(1));
            InfluxOnly influx = app.getBean(InfluxOnly.class);
            influx.hang.set(new CountDownLatch(1));
            try {
                // the gauges answer from the last check while the next one hangs, and then say down
                await().untilAsserted(() -> assertThat(influx.hanging.get()).isTrue());
                await().untilAsserted(() -> assertThat(influxUp(meters)).isEqualTo(0));
                await().untilAsserted(() -> assertThat(ready(meters)).isEqualTo(0));
                assertThat(influx.hanging.get()).isTrue();
            } finally {
                influx.hang.getAndSet(null).countDown();
            }
            await().untilAsserted(() -> assertThat(influxUp(meters)).isEqualTo(1));
        });
    }

    private static void awaitReady(MeterRegistry meters, double expected) {
        await().untilAsserted(() -> assertThat(ready(meters)).isEqualTo(expected));
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
        /** While set, a check waits for it, as one of a database that does not answer waits for its pool. */
        final AtomicReference<CountDownLatch> hang = new AtomicReference<>();

        final AtomicBoolean hanging = new AtomicBoolean();

        @Bean
        HealthIndicator influxHealthIndicator() {
            return () -> {
                CountDownLatch latch = hang.get();
                if (latch != null) {
                    hanging.set(true);
                    try {
                        latch.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    hanging.set(false);
                }
                return influxUp.get() ? Health.up().build() : Health.down().build();
            };
        }
    }
}
