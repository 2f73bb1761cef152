package home.connected.ingest.pipeline;

import com.influxdb.client.InfluxDBClient;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP when InfluxDB answers its ping and the last write did not fail; part of readiness. */
@Component
class InfluxHealthIndicator implements HealthIndicator {

    private final InfluxDBClient influx;
    private final IngestPipeline pipeline;

    InfluxHealthIndicator(InfluxDBClient influx, IngestPipeline pipeline) {
        this.influx = influx;
        this.pipeline = pipeline;
    }

    @Override
    public Health health() {
        boolean answers = influx.ping();
        boolean writing = !pipeline.writerFailing();
        Health.Builder health = answers && writing ? Health.up() : Health.down();
        return health.withDetail("ping", answers)
                .withDetail("writes", writing ? "ok" : "retrying")
                .build();
    }
}
