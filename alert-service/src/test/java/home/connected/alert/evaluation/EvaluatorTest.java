package home.connected.alert.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import home.connected.alert.evaluation.SeriesState.State;
import home.connected.contracts.alert.v1.Comparison;
import home.connected.contracts.alert.v1.NoData;
import home.connected.contracts.alert.v1.RateOfChange;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.SensorSelector;
import home.connected.contracts.alert.v1.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class EvaluatorTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final Evaluator evaluator = new Evaluator();
    private final List<String> told = new ArrayList<>();

    @Test
    void flappingAroundTheThresholdIsOneEpisode() {
        rule(threshold(30, Duration.ZERO, 2, Duration.ZERO));

        for (double value : new double[] {29, 31, 29.5, 30.5, 28.5, 31, 29, 27.9, 29, 28}) {
            reading(value);
        }

        assertThat(told).containsExactly("firing@31.0 channels+actions", "resolved@27.9 channels+actions");
    }

    @Test
    void pendingFiresOnlyAfterForAndIsCancelledWhenTheValueComesBack() {
        rule(threshold(30, Duration.ofMinutes(5), 0, Duration.ZERO));

        reading(T0, 31);
        reading(T0.plusSeconds(120), 29);
        assertThat(only().state).isEqualTo(State.OK);
        reading(T0.plusSeconds(180), 32);
        tick(T0.plusSeconds(180 + 299));
        assertThat(only().state).isEqualTo(State.PENDING);
        assertThat(told).isEmpty();

        tick(T0.plusSeconds(180 + 300));

        assertThat(only().state).isEqualTo(State.FIRING);
        assertThat(told).containsExactly("firing@32.0 channels+actions");
    }

    @Test
    void keepFiringForRidesOutABriefDip() {
        rule(threshold(30, Duration.ZERO, 0, Duration.ofMinutes(2)));

        reading(T0, 31);
        reading(T0.plusSeconds(10), 29);
        reading(T0.plusSeconds(60), 31);
        reading(T0.plusSeconds(70), 29);
        tick(T0.plusSeconds(70 + 119));
        assertThat(told).hasSize(1);

        tick(T0.plusSeconds(70 + 120));

        assertThat(told).containsExactly("firing@31.0 channels+actions", "resolved@29.0 channels+actions");
    }

    @Test
    void belowUsesTheHysteresisUpwards() {
        rule(Rule.newBuilder()
                .setThreshold(Threshold.newBuilder()
                        .setComparison(Comparison.COMPARISON_BELOW)
                        .setValue(-15)
                        .setHysteresis(1)));
        reading(-16);
        reading(-14.5);
        reading(-13.9);
        assertThat(told).containsExactly("firing@-16.0 channels+actions", "resolved@-13.9 channels+actions");
    }

    @Test
    void noDataFiresAfterSilenceAndResolvesOnTheNextReading() {
        rule(Rule.newBuilder().setNoData(NoData.newBuilder().setAfter(Durations.fromSeconds(300))));

        reading(T0, 20);
        tick(T0.plusSeconds(299));
        assertThat(told).isEmpty();
        tick(T0.plusSeconds(300));
        tick(T0.plusSeconds(900));
        assertThat(told).containsExactly("firing@20.0 channels+actions");
        assertThat(only().reason).isEqualTo("no data for 5m");

        reading(T0.plusSeconds(1000), 21);

        assertThat(told).containsExactly("firing@20.0 channels+actions", "resolved@21.0 channels+actions");
    }

    @Test
    void aDeviceGoingOfflineFiresItsNoDataSeriesAtOnce() {
        rule(Rule.newBuilder().setNoData(NoData.newBuilder().setAfter(Durations.fromSeconds(3600))));
        reading(T0, 20);

        told(evaluator.deviceStatus("freezer", false, T0.plusSeconds(5)));
        assertThat(only().reason).isEqualTo("device offline");
        told(evaluator.deviceStatus("freezer", true, T0.plusSeconds(10)));

        assertThat(told).containsExactly("firing@20.0 channels+actions", "resolved@20.0 channels+actions");
    }

    @Test
    void rateOfChangeFiresOnASpreadWithinTheWindow() {
        rule(Rule.newBuilder()
                .setRateOfChange(RateOfChange.newBuilder().setMaxChange(200).setPer(Durations.fromSeconds(600))));

        reading(T0, 600);
        reading(T0.plusSeconds(300), 700);
        reading(T0.plusSeconds(500), 790);
        assertThat(told).isEmpty();
        reading(T0.plusSeconds(590), 801);
        assertThat(told).containsExactly("firing@801.0 channels+actions");

        tick(T0.plusSeconds(600));
        assertThat(told).hasSize(1);
        tick(T0.plusSeconds(601));

        assertThat(told).last().isEqualTo("resolved@801.0 channels+actions");
    }

    @Test
    void repeatsWhileFiringUntilAcknowledged() {
        rule(threshold(30, Duration.ZERO, 0, Duration.ZERO).setRepeatInterval(Durations.fromSeconds(600)));
        reading(T0, 31);

        tick(T0.plusSeconds(599));
        tick(T0.plusSeconds(600));
        tick(T0.plusSeconds(1200));
        evaluator.controls(Map.of(only().alertId, new Evaluator.Control(1, Instant.EPOCH)));
        tick(T0.plusSeconds(1800));

        assertThat(told)
                .containsExactly("firing@31.0 channels+actions", "repeat-1@31.0 channels", "repeat-2@31.0 channels");
    }

    @Test
    void aSilencedFiringIsToldWhenTheSilenceEndsIfItStillFires() {
        rule(threshold(30, Duration.ZERO, 0, Duration.ZERO)
                .setSilencedUntil(Timestamps.fromMillis(T0.plusSeconds(600).toEpochMilli())));

        reading(T0, 31);
        tick(T0.plusSeconds(300));
        tick(T0.plusSeconds(600));
        tick(T0.plusSeconds(601));

        assertThat(told).containsExactly("firing@31.0 actions", "firing@31.0 channels");
    }

    @Test
    void aResolveIsNotToldWhenTheFiringWasNotOrTheRuleSaysNo() {
        rule(threshold(30, Duration.ZERO, 0, Duration.ZERO).setNotifyResolved(false));
        reading(T0, 31);
        reading(T0.plusSeconds(1), 29);
        assertThat(told).containsExactly("firing@31.0 channels+actions", "resolved@29.0 actions");
    }

    @Test
    void olderOrRepeatedReadingsAreIgnored() {
        rule(threshold(30, Duration.ZERO, 0, Duration.ZERO));
        reading(T0, 29);
        reading(T0.minusSeconds(10), 35);
        reading(T0, 35);
        assertThat(told).isEmpty();
        assertThat(evaluator.evaluations()).isEqualTo(3);
    }

    @Test
    void onlySelectedSeriesAreTrackedEachOnItsOwn() {
        rule(threshold(30, Duration.ZERO, 0, Duration.ZERO)
                .setSelector(SensorSelector.newBuilder().setQuantity("temperature")));
        told(evaluator.readings(
                List.of(
                        new StoredReading("a", "t", "temperature", "", "°C", 31, T0),
                        new StoredReading("b", "t", "temperature", "", "°C", 31, T0),
                        new StoredReading("a", "h", "humidity", "", "%", 90, T0)),
                T0));

        assertThat(told).hasSize(2);
        assertThat(evaluator.countByState()).containsEntry(State.FIRING, 2);
    }

    @Test
    void aDisabledRuleGoesBackToOkQuietly() {
        Rule rule = rule(threshold(30, Duration.ZERO, 0, Duration.ZERO));
        reading(T0, 31);
        evaluator.drainTransitioned();

        evaluator.rules(List.of(rule.toBuilder().setEnabled(false).build()), T0.plusSeconds(1));
        reading(T0.plusSeconds(2), 40);

        assertThat(only().state).isEqualTo(State.OK);
        assertThat(evaluator.drainTransitioned()).hasSize(1);
        assertThat(told).hasSize(1);
    }

    private static Rule.Builder threshold(double value, Duration forDuration, double hysteresis, Duration keep) {
        return Rule.newBuilder()
                .setThreshold(Threshold.newBuilder()
                        .setComparison(Comparison.COMPARISON_ABOVE)
                        .setValue(value)
                        .setForDuration(Durations.fromMillis(forDuration.toMillis()))
                        .setHysteresis(hysteresis)
                        .setKeepFiringFor(Durations.fromMillis(keep.toMillis())));
    }

    private Rule rule(Rule.Builder rule) {
        Rule built = rule.setId("r1").setName("freezer").setEnabled(true).build();
        evaluator.rules(List.of(built), T0);
        return built;
    }

    private Instant clock = T0;

    private void reading(double value) {
        clock = clock.plusSeconds(10);
        reading(clock, value);
    }

    private void reading(Instant at, double value) {
        told(evaluator.readings(
                List.of(new StoredReading("freezer", "probe", "temperature", "kitchen", "°C", value, at)), at));
    }

    private void tick(Instant now) {
        told(evaluator.tick(now));
    }

    private void told(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            String targets = outcome.toChannels() && outcome.toActions()
                    ? "channels+actions"
                    : outcome.toChannels() ? "channels" : "actions";
            told.add(outcome.transition() + "@" + outcome.value() + " " + targets);
        }
    }

    private SeriesState only() {
        List<SeriesState> all = new ArrayList<>();
        evaluator.dirty().forEach(all::add);
        assertThat(all).hasSize(1);
        return all.get(0);
    }
}
