package home.connected.query.live;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Whether stored readings arrive from the broker, and how many live streams are open. Not part of readiness. */
@Component
class LiveHealthIndicator implements HealthIndicator {

    private final StoredReadingsSubscriber subscriber;
    private final LiveReadings live;

    LiveHealthIndicator(StoredReadingsSubscriber subscriber, LiveReadings live) {
        this.subscriber = subscriber;
        this.live = live;
    }

    @Override
    public Health health() {
        boolean receiving = subscriber.receiving();
        return (receiving ? Health.up() : Health.down())
                .withDetail("receiving", receiving)
                .withDetail("streams", live.open())
                .build();
    }
}
