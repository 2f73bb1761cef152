package home.connected.ingest.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** The pipeline's meters, as Prometheus shows them: {@code ingest_*}. */
@Component
class IngestMetrics {

    static final String DEVICE_LAST_READING = "ingest.device.last.reading.timestamp";
    static final String DEVICE_USUAL_INTERVAL = "ingest.device.usual.interval";

    private final MeterRegistry registry;
    private final Counter receivedMessages;
    private final Counter receivedReadings;
    private final Counter written;
    private final Counter redeliveries;
    private final Counter writeFailures;
    private final DistributionSummary batchSize;
    private final Timer writeLatency;
    private final Timer lag;
    private final DeviceActivity devices;
    private final AtomicInteger inFlight = new AtomicInteger();

    IngestMetrics(MeterRegistry registry, IngestProperties properties) {
        this.registry = registry;
        receivedMessages = Counter.builder("ingest.received")
                .tag("kind", "messages")
                .description("MQTT messages received")
                .register(registry);
        receivedReadings = Counter.builder("ingest.received")
                .tag("kind", "readings")
                .description("valid readings decoded from MQTT messages")
                .register(registry);
        written = Counter.builder("ingest.written")
                .description("readings written to InfluxDB")
                .register(registry);
        redeliveries = Counter.builder("ingest.redeliveries")
                .description("MQTT messages that arrived with the duplicate flag")
                .register(registry);
        writeFailures = Counter.builder("ingest.write.failures")
                .description("InfluxDB write attempts that failed and will be retried")
                .register(registry);
        batchSize = DistributionSummary.builder("ingest.batch.size")
                .description("readings per InfluxDB write")
                .serviceLevelObjectives(1, 10, 100, 1_000, 5_000, 10_000)
                .register(registry);
        writeLatency = Timer.builder("ingest.write")
                .description("duration of successful InfluxDB writes")
                .publishPercentileHistogram()
                .register(registry);
        lag = Timer.builder("ingest.lag")
                .description("from the broker's delivery of a message to InfluxDB acknowledging its readings")
                .serviceLevelObjectives(
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofMillis(2500),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(60),
                        Duration.ofMinutes(5))
                .register(registry);
        Gauge.builder("ingest.in.flight", inFlight, AtomicInteger::get)
                .description("MQTT messages received and not yet acknowledged")
                .register(registry);
        // At 0 from the start: increase() over a counter that appears at 1 is 0, and the alert on
        // dead letters would miss the first one.
        for (String outcome : List.of("published", "failed")) {
            deadLetterCounter(outcome);
        }
        IngestProperties.Devices tracked = properties.devices();
        devices = new DeviceActivity(registry, tracked.maxTracked(), tracked.forgetAfter());
    }

    void received(int readings, boolean duplicate) {
        receivedMessages.increment();
        receivedReadings.increment(readings);
        if (duplicate) {
            redeliveries.increment();
        }
    }

    /**
     * @param format the payload format of the topic's route ({@link
     *     home.connected.ingest.decode.TopicRoutingDecoder#formatOf}), {@code none} when no route took it
     */
    void rejected(String reason, String format, int count) {
        Counter.builder("ingest.rejected")
                .description("message parts refused, by reason and the topic's payload format")
                .tag("reason", reason)
                .tag("format", format)
                .register(registry)
                .increment(count);
    }

    void deadLetter(String outcome) {
        deadLetterCounter(outcome).increment();
    }

    private Counter deadLetterCounter(String outcome) {
        return Counter.builder("ingest.dead.letters")
                .description("dead letters published, or failed to publish")
                .tag("outcome", outcome)
                .register(registry);
    }

    void written(int readings, long nanos) {
        written.increment(readings);
        batchSize.record(readings);
        writeLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The batch's readings are acknowledged by InfluxDB at {@code now}. */
    void stored(List<PendingMessage> batch, Instant now) {
        for (PendingMessage message : batch) {
            Instant received = message.received().at();
            Duration waited = Duration.between(received, now);
            lag.record(waited.isNegative() ? Duration.ZERO : waited);
            Set<String> heard = new HashSet<>(2);
            message.readings().forEach(reading -> {
                if (heard.add(reading.deviceId())) {
                    devices.stored(reading.deviceId(), received);
                }
            });
        }
    }

    void writeFailed() {
        writeFailures.increment();
    }

    /** Messages received and not yet acknowledged. */
    AtomicInteger inFlight() {
        return inFlight;
    }
}
