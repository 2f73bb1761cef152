package home.connected.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeviceActivityTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final DeviceActivity devices = new DeviceActivity(meters, 3, Duration.ofDays(7));

    @Test
    void theLastReadingIsWhenItWasReceivedInEpochSeconds() {
        devices.stored("kitchen", T0);
        devices.stored("kitchen", T0.plusMillis(60_500));

        assertThat(last("kitchen")).isEqualTo(T0.getEpochSecond() + 60.5);
    }

    @Test
    void theUsualIntervalIsUnknownUntilTheSecondReportThenTheFirstGap() {
        devices.stored("kitchen", T0);
        assertThat(usual("kitchen")).isNaN();

        devices.stored("kitchen", T0.plusSeconds(60));
        assertThat(usual("kitchen")).isEqualTo(60);
    }

    @Test
    void theUsualIntervalMovesSlowlyTowardsNewGaps() {
        Instant t = T0;
        for (int i = 0; i < 20; i++) {
            devices.stored("kitchen", t = t.plusSeconds(60));
        }
        devices.stored("kitchen", t = t.plusSeconds(120));

        assertThat(usual("kitchen")).isCloseTo(66, within(1e-6));
        for (int i = 0; i < 60; i++) {
            devices.stored("kitchen", t = t.plusSeconds(120));
        }
        assertThat(usual("kitchen")).isCloseTo(120, within(1.0));
    }

    @Test
    void sensorsSentOneByOneWithinASecondAreOneReport() {
        devices.stored("esphome", T0);
        devices.stored("esphome", T0.plusMillis(200));
        devices.stored("esphome", T0.plusSeconds(30));
        devices.stored("esphome", T0.plusSeconds(30).plusMillis(300));

        assertThat(usual("esphome")).isCloseTo(29.8, within(1e-6));
    }

    @Test
    void oneLongOutageCountsAsTenUsualGapsAtMost() {
        devices.stored("cellar", T0);
        devices.stored("cellar", T0.plusSeconds(60));
        devices.stored("cellar", T0.plusSeconds(60 + 86_400));

        assertThat(usual("cellar")).isCloseTo(60 + 0.1 * (600 - 60), within(1e-6));
    }

    @Test
    void aReadingOlderThanTheLastChangesNothing() {
        devices.stored("kitchen", T0.plusSeconds(60));
        devices.stored("kitchen", T0);

        assertThat(last("kitchen")).isEqualTo(T0.getEpochSecond() + 60);
        assertThat(usual("kitchen")).isNaN();
    }

    @Test
    void theLongestSilentDeviceMakesRoomWhenTheCapIsReached() {
        devices.stored("a", T0);
        devices.stored("b", T0.plusSeconds(1));
        devices.stored("c", T0.plusSeconds(2));
        devices.stored("a", T0.plusSeconds(3));

        devices.stored("d", T0.plusSeconds(4));

        assertThat(devices.tracked()).isEqualTo(3);
        assertThat(meters.find(IngestMetrics.DEVICE_LAST_READING)
                        .tag("device", "b")
                        .gauge())
                .isNull();
        assertThat(meters.find(IngestMetrics.DEVICE_USUAL_INTERVAL).gauges()).hasSize(3);
        assertThat(last("d")).isEqualTo(T0.getEpochSecond() + 4);
    }

    @Test
    void aDeviceSilentForTheForgetTimeIsDroppedWithItsGauges() {
        devices.stored("removed", T0);
        devices.stored("alive", T0.plus(Duration.ofDays(6)));

        devices.stored("alive", T0.plus(Duration.ofDays(7)).plusSeconds(61));

        assertThat(devices.tracked()).isEqualTo(1);
        assertThat(meters.find(IngestMetrics.DEVICE_LAST_READING).gauges())
                .singleElement()
                .satisfies(gauge -> assertThat(gauge.getId().getTag("device")).isEqualTo("alive"));
        assertThat(meters.find(IngestMetrics.DEVICE_USUAL_INTERVAL)
                        .tag("device", "removed")
                        .gauge())
                .isNull();
    }

    private double last(String device) {
        return gauge(IngestMetrics.DEVICE_LAST_READING, device);
    }

    private double usual(String device) {
        return gauge(IngestMetrics.DEVICE_USUAL_INTERVAL, device);
    }

    private double gauge(String name, String device) {
        return RequiredSearch.in(meters)
                .name(name)
                .tag("device", device)
                .gauge()
                .value();
    }
}
