package home.connected.alert.notification;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.contracts.alert.v1.QuietHours;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuietHoursWindowTest {

    private static QuietHoursWindow window(String start, String end, String zone) {
        return QuietHoursWindow.of(QuietHours.newBuilder()
                        .setStart(start)
                        .setEnd(end)
                        .setTimeZone(zone)
                        .build())
                .orElseThrow();
    }

    private static Optional<Instant> end(QuietHoursWindow window, String now) {
        return window.endOfPeriodAround(Instant.parse(now));
    }

    @Test
    void periodWithinADay() {
        QuietHoursWindow lunch = window("12:00", "13:30", "UTC");

        assertThat(end(lunch, "2026-06-01T11:59:59Z")).isEmpty();
        assertThat(end(lunch, "2026-06-01T12:00:00Z")).contains(Instant.parse("2026-06-01T13:30:00Z"));
        assertThat(end(lunch, "2026-06-01T13:29:59Z")).contains(Instant.parse("2026-06-01T13:30:00Z"));
        assertThat(end(lunch, "2026-06-01T13:30:00Z")).isEmpty();
    }

    @Test
    void periodWrappingMidnightEndsNextMorning() {
        QuietHoursWindow night = window("22:00", "07:00", "UTC");

        assertThat(end(night, "2026-06-01T21:59:00Z")).isEmpty();
        assertThat(end(night, "2026-06-01T22:00:00Z")).contains(Instant.parse("2026-06-02T07:00:00Z"));
        assertThat(end(night, "2026-06-01T23:59:59Z")).contains(Instant.parse("2026-06-02T07:00:00Z"));
        assertThat(end(night, "2026-06-02T00:00:00Z")).contains(Instant.parse("2026-06-02T07:00:00Z"));
        assertThat(end(night, "2026-06-02T06:59:59Z")).contains(Instant.parse("2026-06-02T07:00:00Z"));
        assertThat(end(night, "2026-06-02T07:00:00Z")).isEmpty();
        assertThat(end(night, "2026-06-02T12:00:00Z")).isEmpty();
    }

    @Test
    void wallClockOfTheChannelsTimeZone() {
        // Zurich is UTC+2 in summer: 22:00–07:00 local is 20:00–05:00 UTC.
        QuietHoursWindow zurich = window("22:00", "07:00", "Europe/Zurich");
        assertThat(end(zurich, "2026-06-01T19:59:00Z")).isEmpty();
        assertThat(end(zurich, "2026-06-01T20:00:00Z")).contains(Instant.parse("2026-06-02T05:00:00Z"));

        // New York is UTC−4 in summer: 22:00 local is 02:00 UTC the next day.
        QuietHoursWindow newYork = window("22:00", "07:00", "America/New_York");
        assertThat(end(newYork, "2026-06-02T01:59:00Z")).isEmpty();
        assertThat(end(newYork, "2026-06-02T02:00:00Z")).contains(Instant.parse("2026-06-02T11:00:00Z"));
    }

    @Test
    void nightOfTheSpringDstChangeIsAnHourShorter() {
        // Europe/Zurich, 2026-03-29: 02:00 CET becomes 03:00 CEST.
        QuietHoursWindow night = window("22:00", "07:00", "Europe/Zurich");

        Instant start = Instant.parse("2026-03-28T21:00:00Z"); // 22:00 CET
        assertThat(night.endOfPeriodAround(start)).contains(Instant.parse("2026-03-29T05:00:00Z")); // 07:00 CEST
    }

    @Test
    void nightOfTheAutumnDstChangeIsAnHourLonger() {
        // Europe/Zurich, 2026-10-25: 03:00 CEST becomes 02:00 CET.
        QuietHoursWindow night = window("22:00", "07:00", "Europe/Zurich");

        Instant start = Instant.parse("2026-10-24T20:00:00Z"); // 22:00 CEST
        assertThat(night.endOfPeriodAround(start)).contains(Instant.parse("2026-10-25T06:00:00Z")); // 07:00 CET
    }

    @Test
    void endInsideTheSpringGapIsTheFirstInstantAfterIt() {
        QuietHoursWindow early = window("01:00", "02:30", "Europe/Zurich");

        // 01:30 CET on 2026-03-29; 02:30 does not exist that night, the clock jumps to 03:00 CEST.
        assertThat(end(early, "2026-03-29T00:30:00Z")).contains(Instant.parse("2026-03-29T01:00:00Z"));
        // Right after the jump (03:00 CEST) it is no longer quiet.
        assertThat(end(early, "2026-03-29T01:00:00Z")).isEmpty();
    }

    @Test
    void endInsideTheAutumnOverlapIsNeverInThePast() {
        QuietHoursWindow early = window("01:00", "02:30", "Europe/Zurich");

        // 02:10 CEST: the period ends at the first 02:30 (CEST).
        assertThat(end(early, "2026-10-25T00:10:00Z")).contains(Instant.parse("2026-10-25T00:30:00Z"));
        // 02:10 CET, the repeated hour: quiet again until the second 02:30 (CET).
        assertThat(end(early, "2026-10-25T01:10:00Z")).contains(Instant.parse("2026-10-25T01:30:00Z"));
    }

    @Test
    void unsetEqualOrUnreadableQuietHoursMeanNone() {
        assertThat(QuietHoursWindow.of(QuietHours.getDefaultInstance())).isEmpty();
        assertThat(QuietHoursWindow.of(QuietHours.newBuilder()
                        .setStart("22:00")
                        .setEnd("22:00")
                        .setTimeZone("UTC")
                        .build()))
                .isEmpty();
        assertThat(QuietHoursWindow.of(QuietHours.newBuilder()
                        .setStart("22:00")
                        .setEnd("07:00")
                        .setTimeZone("Mars/Olympus")
                        .build()))
                .isEmpty();
        assertThat(QuietHoursWindow.of(QuietHours.newBuilder()
                        .setStart("25:00")
                        .setEnd("07:00")
                        .build()))
                .isEmpty();
    }
}
