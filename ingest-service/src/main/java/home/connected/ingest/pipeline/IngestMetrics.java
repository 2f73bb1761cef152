package home.connected.ingest.pipeline;

import home.connected.ingest.decode.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** The pipeline's meters, as Prometheus shows them: {@code ingest_*}. */
@Component
class IngestMetrics {

    private final MeterRegistry registry;
    private final Counter receivedMessages;
    private final Counter receivedReadings;
    private final Counter written;
    private final Counter redeliveries;
    private final Counter writeFailures;
    private final DistributionSummary batchSize;
    private final Timer writeLatency;
    private final AtomicInteger inFlight = new AtomicInteger();

    IngestMetrics(MeterRegistry registry) {
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
        registry.gauge("ingest.in.flight", inFlight);
        for (RejectReason reason : RejectReason.values()) {
            rejected(reason.label(), 0);
        }
    }

    void received(int readings, boolean duplicate) {
        receivedMessages.increment();
        receivedReadings.increment(readings);
        if (duplicate) {
            redeliveries.increment();
        }
    }

    void rejected(String reason, int count) {
        registry.counter("ingest.rejected", "reason", reason).increment(count);
    }

    void deadLetter(String outcome) {
        registry.counter("ingest.dead.letters", "outcome", outcome).increment();
    }

    void written(int readings, long nanos) {
        written.increment(readings);
        batchSize.record(readings);
        writeLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void writeFailed() {
        writeFailures.increment();
    }

    /** Messages received and not yet acknowledged. */
    AtomicInteger inFlight() {
        return inFlight;
    }
}
