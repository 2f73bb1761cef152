package home.connected.query.live;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether stored readings arrive from the broker, and how many live streams of readings and of
 * device statuses are open. Not part of readiness.
 */
@Component
class LiveHealthIndicator implements HealthIndicator {

    private final StoredReadingsSubscriber subscriber;
    private final LiveReadings live;
    private final LiveDeviceStatuses statuses;

    LiveHealthIndicator(StoredReadingsSubscriber subscriber, LiveReadings live, LiveDeviceStatuses statuses) {
        this.subscriber = subscriber;
        this.live = live;
        this.statuses = statuses;
    }

    @Override
    public Health health() {
        boolean receiving = subscriber.receiving();
        return (receiving ? Health.up() : Health.down())
                .withDetail("receiving", receiving)
                .withDetail("streams", live.open())
                .withDetail("statusStreams", statuses.open())
                .build();
    }
}
