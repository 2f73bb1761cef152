package home.connected.servicehealth;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
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
import org.springframework.context.SmartLifecycle;

/**
 * {@code service_ready}: 1 while the application accepts traffic and its readiness health group is
 * UP, what a Kubernetes readiness probe asks. {@code service_dependency_up{dependency}}: 1 while the
 * health indicator of that dependency (MariaDB, InfluxDB, the MQTT broker) says UP. Both are asked
 * every {@code ch.metrics.refresh} on threads of their own, never inside a scrape: a health check
 * of a database that does not answer waits for its pool's timeout (30 s for MariaDB), which would
 * make the whole scrape fail and the service look down. A check still unanswered after {@code
 * ch.metrics.timeout} counts as down.
 */
final class ServiceHealthMetrics implements MeterBinder, SmartLifecycle {

    static final String READY = "service.ready";
    static final String DEPENDENCY_UP = "service.dependency.up";
    private static final String READINESS_GROUP = "readiness";

    private final ObjectProvider<ApplicationAvailability> availability;
    private final ObjectProvider<HealthEndpoint> health;
    private final ObjectProvider<HealthContributorRegistry> contributors;
    private final Map<String, String> dependencies;
    private final Duration refresh;
    private final long timeoutNanos;
    private final Check readiness = new Check(this::ready);
    private final Map<String, Check> dependencyChecks = new ConcurrentHashMap<>();
    private ScheduledExecutorService schedule;
    private ExecutorService checks;

    ServiceHealthMetrics(
            ObjectProvider<ApplicationAvailability> availability,
            ObjectProvider<HealthEndpoint> health,
            ObjectProvider<HealthContributorRegistry> contributors,
            ServiceHealthProperties properties) {
        this.availability = availability;
        this.health = health;
        this.contributors = contributors;
        this.dependencies = new TreeMap<>(properties.dependencies());
        this.refresh = properties.refresh();
        this.timeoutNanos = properties.timeout().toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(READY, readiness, check -> check.value(timeoutNanos))
                .description("1 while the service accepts traffic and its readiness health is UP")
                .strongReference(true)
                .register(registry);
        HealthContributorRegistry registered = contributors.getIfAvailable();
        if (registered == null) {
            return;
        }
        dependencies.forEach((dependency, contributorName) -> {
            if (registered.getContributor(contributorName) != null) {
                Check check = dependencyChecks.computeIfAbsent(contributorName, name -> new Check(() -> up(name)));
                Gauge.builder(DEPENDENCY_UP, check, c -> c.value(timeoutNanos))
                        .description("1 while the service's health indicator for the dependency says UP")
                        .tag("dependency", dependency)
                        .strongReference(true)
                        .register(registry);
            }
        });
    }

    @Override
    public synchronized void start() {
        AtomicInteger threads = new AtomicInteger();
        checks = Executors.newCachedThreadPool(task -> daemon(task, "service-health-" + threads.incrementAndGet()));
        schedule = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "service-health"));
        schedule.scheduleWithFixedDelay(this::refreshAll, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (schedule != null) {
            schedule.shutdownNow();
            checks.shutdownNow();
            schedule = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return schedule != null;
    }

    private void refreshAll() {
        readiness.refresh(checks);
        dependencyChecks.values().forEach(check -> check.refresh(checks));
    }

    private boolean ready() {
        ApplicationAvailability state = availability.getIfAvailable();
        if (state != null && state.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return false;
        }
        HealthEndpoint endpoint = health.getIfAvailable();
        if (endpoint == null) {
            return true;
        }
        try {
            HealthDescriptor readinessGroup = endpoint.healthForPath(READINESS_GROUP);
            return readinessGroup == null || Status.UP.equals(readinessGroup.getStatus());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean up(String contributorName) {
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

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** One health question: its last answer, and since when it has been asked again, if it is being asked. */
    static final class Check {

        private final BooleanSupplier ask;
        private volatile boolean up;
        /** System.nanoTime() when the question now being asked was asked; 0 while none is. */
        private volatile long askedAt;

        Check(BooleanSupplier ask) {
            this.ask = ask;
        }

        /** Asks again unless the last question is still unanswered. */
        void refresh(ExecutorService on) {
            if (askedAt != 0) {
                return;
            }
            askedAt = System.nanoTime() | 1;
            try {
                on.execute(() -> {
                    try {
                        up = ask.getAsBoolean();
                    } finally {
                        askedAt = 0;
                    }
                });
            } catch (RuntimeException rejected) {
                askedAt = 0;
            }
        }

        /** 1 or 0, the last answer; 0 while a question has gone unanswered for longer than the timeout. */
        double value(long timeoutNanos) {
            long asked = askedAt;
            if (asked != 0 && System.nanoTime() - asked > timeoutNanos) {
                return 0;
            }
            return up ? 1 : 0;
        }
    }
}
