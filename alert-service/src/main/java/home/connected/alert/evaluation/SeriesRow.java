package home.connected.alert.evaluation;

import java.time.Instant;

/** What one series' alert_series row holds, taken on the evaluation thread and written on the writer's. */
record SeriesRow(
        String alertId,
        String ruleId,
        String device,
        String sensor,
        String quantity,
        String location,
        String unit,
        String state,
        Instant stateSince,
        long episode,
        long notifiedEpisode,
        Instant lastNotifiedAt,
        int repeats,
        double lastValue,
        Instant lastReadingAt,
        Instant beyondSince,
        Instant backSince,
        String reason,
        String recent) {}
