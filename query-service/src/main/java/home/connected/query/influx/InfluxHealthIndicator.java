package home.connected.query.influx;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP when InfluxDB answers its ping; part of readiness, so no traffic reaches a replica that cannot query. */
@Component
class InfluxHealthIndicator implements HealthIndicator {

    private final InfluxHttp influx;

    InfluxHealthIndicator(InfluxHttp influx) {
        this.influx = influx;
    }

    @Override
    public Health health() {
        boolean answers = influx.ping();
        return (answers ? Health.up() : Health.down())
                .withDetail("ping", answers)
                .build();
    }
}
