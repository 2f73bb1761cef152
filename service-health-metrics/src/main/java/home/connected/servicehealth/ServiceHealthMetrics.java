package home.connected.servicehealth;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/**
 * {@code service_ready}: 1 while the application accepts traffic and its readiness health group is
 * UP, what a Kubernetes readiness probe asks. {@code service_dependency_up{dependency}}: 1 while the
 * health indicator of that dependency (MariaDB, InfluxDB, the MQTT broker) says UP. Both are asked
 * at scrape time, so they are never older than the scrape.
 */
final class ServiceHealthMetrics implements MeterBinder {

    static final String READY = "service.ready";
    static final String DEPENDENCY_UP = "service.dependency.up";
    private static final String READINESS_GROUP = "readiness";

    private final ObjectProvider<ApplicationAvailability> availability;
    private final ObjectProvider<HealthEndpoint> health;
    private final ObjectProvider<HealthContributorRegistry> contributors;
    private final Map<String, String> dependencies;

    ServiceHealthMetrics(
            ObjectProvider<ApplicationAvailability> availability,
            ObjectProvider<HealthEndpoint> health,
            ObjectProvider<HealthContributorRegistry> contributors,
            ServiceHealthProperties properties) {
        this.availability = availability;
        this.health = health;
        this.contributors = contributors;
        this.dependencies = new TreeMap<>(properties.dependencies());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(READY, this, metrics -> metrics.ready() ? 1 : 0)
                .description("1 while the service accepts traffic and its readiness health is UP")
                .strongReference(true)
                .register(registry);
        HealthContributorRegistry registered = contributors.getIfAvailable();
        if (registered == null) {
            return;
        }
        dependencies.forEach((dependency, contributorName) -> {
            if (registered.getContributor(contributorName) != null) {
                Gauge.builder(DEPENDENCY_UP, this, metrics -> metrics.up(contributorName) ? 1 : 0)
                        .description("1 while the service's health indicator for the dependency says UP")
                        .tag("dependency", dependency)
                        .strongReference(true)
                        .register(registry);
            }
        });
    }

    boolean ready() {
        ApplicationAvailability state = availability.getIfAvailable();
        if (state != null && state.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return false;
        }
        HealthEndpoint endpoint = health.getIfAvailable();
        if (endpoint == null) {
            return true;
        }
        try {
            HealthDescriptor readiness = endpoint.healthForPath(READINESS_GROUP);
            return readiness == null || Status.UP.equals(readiness.getStatus());
        } catch (RuntimeException e) {
            return false;
        }
    }

    boolean up(String contributorName) {
        HealthContributorRegistry registered = contributors.getIfAvailable();
        return registered != null && up(registered.getContributor(contributorName));
    }

    private static boolean up(HealthContributor contributor) {
        try {
            if (contributor instanceof HealthIndicator indicator) {
                return Status.UP.equals(indicator.health(false).getStatus());
            }
            if (contributor instanceof CompositeHealthContributor composite) {
                return composite.stream().allMatch(entry -> up(entry.contributor()));
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
