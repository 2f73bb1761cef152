package home.connected.ingest.pipeline;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP when every consumer connection is connected to the broker and subscribed; part of readiness. */
@Component
class MqttHealthIndicator implements HealthIndicator {

    private final IngestPipeline pipeline;

    MqttHealthIndicator(IngestPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Health health() {
        int consuming = pipeline.consuming();
        Health.Builder health = consuming == pipeline.connections() ? Health.up() : Health.down();
        return health.withDetail("consuming", consuming)
                .withDetail("connections", pipeline.connections())
                .build();
    }
}
