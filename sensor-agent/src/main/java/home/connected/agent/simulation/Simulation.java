package home.connected.agent.simulation;

import home.connected.agent.publish.AgentReading;
import home.connected.agent.publish.MqttCredentials;
import home.connected.agent.publish.MqttProperties;
import home.connected.agent.publish.PublisherProvisioning;
import home.connected.agent.publish.ReadingPublisher;
import home.connected.mqtt.MqttConnection;
import home.connected.mqtt.MqttConnectionMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The simulated sensors mode: N devices, each publishing its readings every interval through its
 * own {@link ReadingPublisher}, from start-up until the application stops (which says
 * {@code offline} for every device).
 */
@Component
@ConditionalOnBooleanProperty("ch.agent.simulation.enabled")
class Simulation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Simulation.class);

    private final SimulationProperties simulation;
    private final MqttProperties mqtt;
    private final List<SimulatedDevice> devices;
    private final List<ReadingPublisher> publishers = new CopyOnWriteArrayList<>();
    private final MeterRegistry meters;
    private ScheduledExecutorService ticker;

    Simulation(SimulationProperties simulation, MqttProperties mqtt, MeterRegistry meters) {
        this.simulation = simulation;
        this.mqtt = mqtt;
        this.meters = meters;
        List<SimulatedQuantity> quantities =
                Arrays.asList(SimulatedQuantity.values()).subList(0, simulation.sensorsPerDevice());
        this.devices = IntStream.range(0, simulation.devices())
                .mapToObj(i -> new SimulatedDevice(
                        simulation.deviceId(i),
                        quantities,
                        simulation.interval(),
                        simulation.gapProbability(),
                        simulation.zone(),
                        simulation.seed() * 1_000_003 + i))
                .toList();
        FunctionCounter.builder("agent.readings.published", publishers, Simulation::published)
                .description("messages of readings the broker acknowledged")
                .register(meters);
    }

    @Override
    public synchronized void start() {
        List<String> deviceIds = devices.stream().map(SimulatedDevice::deviceId).toList();
        MqttCredentials provisioned = provisionIfAsked(deviceIds);
        for (String deviceId : deviceIds) {
            MqttCredentials credentials = provisioned != null ? provisioned : mqtt.credentialsFor(deviceId);
            ReadingPublisher publisher = new ReadingPublisher(mqtt.url(), deviceId, credentials);
            publishers.add(publisher);
            publisher.start();
        }
        new MqttConnectionMetrics(this::connections).bindTo(meters);
        ticker = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "simulation"));
        long period = simulation.interval().toMillis();
        ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
        log.info(
                "simulating {} devices × {} sensors every {} on {}",
                devices.size(),
                simulation.sensorsPerDevice(),
                simulation.interval(),
                mqtt.url());
    }

    @Override
    public synchronized void stop() {
        ticker.shutdown();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publishers.parallelStream().forEach(ReadingPublisher::close);
        publishers.clear();
        ticker = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return ticker != null;
    }

    /** Each simulated device's connection to the broker. */
    List<MqttConnection> connections() {
        return publishers.stream().map(ReadingPublisher::connection).toList();
    }

    private MqttCredentials provisionIfAsked(List<String> deviceIds) {
        if (!mqtt.provisionWithAdmin()) {
            return null;
        }
        try {
            MqttCredentials credentials = PublisherProvisioning.provision(mqtt, deviceIds);
            log.info("provisioned MQTT client {} for {} simulated devices", credentials.username(), deviceIds.size());
            return credentials;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "ch.agent.mqtt.provision-with-admin: cannot provision through dynamic security at " + mqtt.url(),
                    e);
        }
    }

    private void tick() {
        Instant now = Instant.now();
        for (int i = 0; i < devices.size(); i++) {
            try {
                List<AgentReading> readings = devices.get(i).sample(now);
                if (!readings.isEmpty()) {
                    publishers.get(i).publish(readings);
                }
            } catch (RuntimeException e) {
                log.warn("device {}: {}", devices.get(i).deviceId(), e.toString());
            }
        }
    }

    private static double published(List<ReadingPublisher> publishers) {
        return publishers.stream().mapToLong(ReadingPublisher::publishedCount).sum();
    }
}
