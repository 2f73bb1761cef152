package home.connected.alert.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import home.connected.alert.api.AlertServiceTest;
import home.connected.contracts.alert.v1.AlertServiceGrpc;
import home.connected.contracts.alert.v1.BacktestEpisode;
import home.connected.contracts.alert.v1.BacktestRuleRequest;
import home.connected.contracts.alert.v1.Comparison;
import home.connected.contracts.alert.v1.NoData;
import home.connected.contracts.alert.v1.RateOfChange;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.RuleBacktest;
import home.connected.contracts.alert.v1.SensorSelector;
import home.connected.contracts.alert.v1.Threshold;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BacktestRule against readings stored in a scratch InfluxDB database at known times (each test its
 * own device): exact counts and times, and nothing written to MariaDB.
 */
class RuleBacktestTest extends AlertServiceTest {

    private final PastReadings readings = new PastReadings(INFLUX.bucket());
    /** Two hours ago on a whole second, where the backtest's one-second ticks fall. */
    private final Instant base = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

    private final String device = "backtest-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void empty() {
        clearAll();
    }

    @AfterEach
    void closeInflux() {
        readings.close();
    }

    @Test
    void aThresholdWithForFiresForTheLongSpikesOnlyAtTheirExactTimes() {
        // 20 every 30 s for 90 min; 35 for 2 min (shorter than "for"), for 10 min, and from 60 min on.
        readings.every(
                        Duration.ofSeconds(30),
                        device,
                        "probe",
                        base,
                        base.plus(Duration.ofMinutes(90)),
                        s -> (s >= 600 && s <= 720) || (s >= 1800 && s <= 2400) || s >= 3600 ? 35 : 20)
                .store();

        RuleBacktest backtest = backtest(threshold(Duration.ofMinutes(5)), null);

        assertThat(backtest.getFirings()).isEqualTo(2);
        assertThat(backtest.getSeries()).isEqualTo(1);
        assertThat(backtest.getReadings()).isEqualTo(180);
        assertThat(backtest.getTruncated()).isFalse();
        assertThat(Duration.between(instant(backtest.getStart()), instant(backtest.getEnd())))
                .as("an unset span is 24 h")
                .isEqualTo(Duration.ofHours(24));
        assertThat(backtest.getEpisodesList())
                .containsExactly(
                        episode("probe", base.plusSeconds(3900), null, 35, "above 30 for 5m"),
                        episode("probe", base.plusSeconds(2100), base.plusSeconds(2430), 35, "above 30 for 5m"));
    }

    @Test
    void aForDurationPassingBetweenReadingsFiresOnTheTick() {
        // One reading every 10 min; the one at 20 min is 35: pending, and 5 min later firing with no reading.
        readings.every(
                        Duration.ofMinutes(10),
                        device,
                        "probe",
                        base,
                        base.plus(Duration.ofMinutes(60)),
                        s -> s == 1200 ? 35 : 20)
                .store();

        RuleBacktest backtest = backtest(threshold(Duration.ofMinutes(5)), Duration.ofHours(3));

        assertThat(backtest.getFirings()).isEqualTo(1);
        assertThat(backtest.getEpisodesList())
                .containsExactly(
                        episode("probe", base.plusSeconds(1500), base.plusSeconds(1800), 35, "above 30 for 5m"));
    }

    @Test
    void aRateOfChangeFiresOnTheRiseAndResolvesWhenTheOldValueLeavesTheWindow() {
        // 20 every 10 s for 10 min, then 23 and 26, then 26 to 20 min.
        readings.every(
                        Duration.ofSeconds(10),
                        device,
                        "probe",
                        base,
                        base.plus(Duration.ofMinutes(20)),
                        s -> s <= 600 ? 20 : s == 610 ? 23 : 26)
                .store();

        RuleBacktest backtest = backtest(
                rule().setRateOfChange(RateOfChange.newBuilder().setMaxChange(5).setPer(Durations.fromSeconds(60))),
                Duration.ofHours(3));

        assertThat(backtest.getFirings()).isEqualTo(1);
        assertThat(backtest.getReadings()).isEqualTo(120);
        // The 20 of 600 s leaves the last minute's window at the first tick after 660 s.
        assertThat(backtest.getEpisodesList())
                .containsExactly(episode(
                        "probe", base.plusSeconds(620), base.plusSeconds(661), 26, "changed by more than 5 within 1m"));
    }

    @Test
    void aGapLongerThanNoDataFiresOnceAndTheNextReadingResolvesIt() {
        // Every minute for 30 min, nothing for 20, then every minute up to 3 minutes ago.
        readings.every(Duration.ofMinutes(1), device, "probe", base, base.plus(Duration.ofMinutes(31)), s -> 21)
                .every(
                        Duration.ofMinutes(1),
                        device,
                        "probe",
                        base.plus(Duration.ofMinutes(50)),
                        base.plus(Duration.ofMinutes(118)),
                        s -> 22)
                .store();

        RuleBacktest backtest = backtest(noData(Duration.ofMinutes(10)), Duration.ofHours(3));

        assertThat(backtest.getFirings()).isEqualTo(1);
        assertThat(backtest.getSeries()).isEqualTo(1);
        assertThat(backtest.getReadings()).isEqualTo(31 + 68);
        assertThat(backtest.getEpisodesList())
                .containsExactly(
                        episode("probe", base.plusSeconds(40 * 60), base.plusSeconds(50 * 60), 21, "no data for 10m"));
    }

    @Test
    void aSeriesAlreadyQuietBeforeTheSpanFiresAtItsStartAsANewRuleWould() {
        Instant fourHoursAgo = base.minus(Duration.ofHours(2));
        readings.every(
                        Duration.ofMinutes(1),
                        device,
                        "probe",
                        fourHoursAgo.minus(Duration.ofHours(1)),
                        fourHoursAgo,
                        s -> 19)
                .store();

        RuleBacktest backtest = backtest(noData(Duration.ofMinutes(30)), Duration.ofHours(3));

        assertThat(backtest.getFirings()).isEqualTo(1);
        assertThat(backtest.getSeries()).isEqualTo(1);
        assertThat(backtest.getReadings()).isZero();
        BacktestEpisode episode = backtest.getEpisodes(0);
        assertThat(instant(episode.getFiredAt()))
                .isAfter(instant(backtest.getStart()))
                .isBeforeOrEqualTo(instant(backtest.getStart()).plusSeconds(1));
        assertThat(episode.hasResolvedAt()).isFalse();
        assertThat(episode.getValue()).isEqualTo(19);
    }

    @Test
    void episodesBeyondAHundredAreCountedAndTheNewestListed() {
        // 35 and 20 in turn every 10 s: 120 episodes of 10 s each.
        readings.every(
                        Duration.ofSeconds(10),
                        device,
                        "probe",
                        base,
                        base.plusSeconds(2400),
                        s -> (s / 10) % 2 == 0 ? 35 : 20)
                .store();

        RuleBacktest backtest = backtest(threshold(Duration.ZERO), Duration.ofHours(3));

        assertThat(backtest.getFirings()).isEqualTo(120);
        assertThat(backtest.getTruncated()).isTrue();
        assertThat(backtest.getEpisodesList()).hasSize(100);
        assertThat(backtest.getEpisodes(0))
                .isEqualTo(episode("probe", base.plusSeconds(2380), base.plusSeconds(2390), 35, "above 30"));
        assertThat(instant(backtest.getEpisodes(99).getFiredAt())).isEqualTo(base.plusSeconds(400));
    }

    @Test
    void onlyTheSelectedSeriesAreReplayed() {
        readings.add(device, "probe", 35, base)
                .add(device, "other", 35, base)
                .add(device + "-x", "probe", 35, base)
                .store();

        RuleBacktest backtest = backtest(
                threshold(Duration.ZERO)
                        .setSelector(
                                SensorSelector.newBuilder().setDeviceId(device).setSensor("probe")),
                Duration.ofHours(3));

        assertThat(backtest.getReadings()).isEqualTo(1);
        assertThat(backtest.getSeries()).isEqualTo(1);
        assertThat(backtest.getEpisodesList())
                .extracting(BacktestEpisode::getSensor)
                .containsExactly("probe");
    }

    @Test
    void aBadSpanOrNoRuleIsRefused() {
        Rule rule = threshold(Duration.ZERO).setName("warm").build();
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "rule is required",
                () -> backtester().backtestRule(BacktestRuleRequest.getDefaultInstance()));
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "span must be at most 7 days",
                () -> backtester().backtestRule(request(rule, Duration.ofDays(7).plusSeconds(1))));
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "span must be at least 1 minute",
                () -> backtester().backtestRule(request(rule, Duration.ofSeconds(59))));
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "span must not be negative",
                () -> backtester().backtestRule(request(rule, Duration.ofMinutes(-5))));
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "threshold.value must be a finite number",
                () -> backtester()
                        .backtestRule(request(
                                rule.toBuilder()
                                        .setThreshold(
                                                rule.getThreshold().toBuilder().setValue(Double.NaN))
                                        .build(),
                                Duration.ofHours(1))));
        assertThat(backtester().backtestRule(request(rule, Duration.ofDays(7))).getFirings())
                .isZero();
    }

    @Test
    void moreReadingsThanTheLimitAreRefusedBeforeAnyIsReplayed() {
        readings.every(
                        Duration.ofSeconds(1),
                        device,
                        "probe",
                        base,
                        base.plusSeconds(MAX_BACKTEST_READINGS + 1),
                        s -> 35)
                .store();

        assertRefused(
                Status.Code.FAILED_PRECONDITION,
                "the selector matches " + (MAX_BACKTEST_READINGS + 1) + " stored readings in the span, more than the "
                        + MAX_BACKTEST_READINGS,
                () -> backtester().backtestRule(request(threshold(Duration.ZERO).build(), Duration.ofHours(3))));
    }

    @Test
    void aCallerWithoutReadingsReadIsRefused() {
        StatusRuntimeException refused = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> reader().backtestRule(request(threshold(Duration.ZERO).build(), Duration.ofHours(1))));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(refused.getStatus().getDescription()).contains("readings:read");
    }

    /** Backtests answer with stored values: they need readings:read besides alerts:read. */
    private AlertServiceGrpc.AlertServiceBlockingStub backtester() {
        return stub(TOKENS.token("alerts:read", "readings:read"));
    }

    @Test
    void aCallerWithoutAlertsReadIsRefused() {
        StatusRuntimeException refused = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> stub(TOKENS.token("readings:read"))
                        .backtestRule(request(threshold(Duration.ZERO).build(), Duration.ofHours(1))));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    /** The backtest as a reader (alerts:read) asks it; it must leave every alert table as it was. */
    private RuleBacktest backtest(Rule.Builder rule, Duration span) {
        Map<String, List<Map<String, Object>>> before = tables();
        RuleBacktest backtest = backtester().backtestRule(request(rule.build(), span));
        assertThat(tables()).as("alert tables after a backtest").isEqualTo(before);
        assertThat(tables().get("alert_series")).isEmpty();
        return backtest;
    }

    private BacktestRuleRequest request(Rule rule, Duration span) {
        BacktestRuleRequest.Builder request = BacktestRuleRequest.newBuilder().setRule(rule);
        if (span != null) {
            request.setSpan(Durations.fromNanos(span.toNanos()));
        }
        return request.build();
    }

    private Rule.Builder threshold(Duration forDuration) {
        return rule().setThreshold(Threshold.newBuilder()
                .setComparison(Comparison.COMPARISON_ABOVE)
                .setValue(30)
                .setForDuration(Durations.fromNanos(forDuration.toNanos())));
    }

    private Rule.Builder noData(Duration after) {
        return rule().setNoData(NoData.newBuilder().setAfter(Durations.fromNanos(after.toNanos())));
    }

    /** A draft (never saved, not enabled) on this test's device. */
    private Rule.Builder rule() {
        return Rule.newBuilder()
                .setName("backtest")
                .setSelector(SensorSelector.newBuilder().setDeviceId(device));
    }

    private BacktestEpisode episode(String sensor, Instant firedAt, Instant resolvedAt, double value, String reason) {
        BacktestEpisode.Builder episode = BacktestEpisode.newBuilder()
                .setDeviceId(device)
                .setSensor(sensor)
                .setQuantity("temperature")
                .setLocation("kitchen")
                .setUnit("°C")
                .setFiredAt(timestamp(firedAt))
                .setValue(value)
                .setReason(reason);
        if (resolvedAt != null) {
            episode.setResolvedAt(timestamp(resolvedAt));
        }
        return episode.build();
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder()
                .setSeconds(at.getEpochSecond())
                .setNanos(at.getNano())
                .build();
    }

    private static Instant instant(Timestamp at) {
        return Instant.ofEpochSecond(at.getSeconds(), at.getNanos());
    }
}
