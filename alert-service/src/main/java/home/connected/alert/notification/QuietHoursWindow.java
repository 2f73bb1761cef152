package home.connected.alert.notification;

import home.connected.contracts.alert.v1.QuietHours;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * A channel's quiet hours: from start (inclusive) to end (exclusive), local wall-clock times in
 * the channel's time zone; a start after the end wraps past midnight (22:00–07:00). The end is
 * found in wall-clock time, so the period lasts an hour more or less across a DST change; an end
 * that falls in a DST gap is the first instant after the gap.
 */
record QuietHoursWindow(LocalTime start, LocalTime end, ZoneId zone) {

    /** Empty when the channel has no (usable) quiet hours: unset, start equal to end, or unparsable. */
    static Optional<QuietHoursWindow> of(QuietHours quietHours) {
        if (quietHours.getStart().isEmpty() || quietHours.getEnd().isEmpty()) {
            return Optional.empty();
        }
        try {
            LocalTime start = LocalTime.parse(quietHours.getStart());
            LocalTime end = LocalTime.parse(quietHours.getEnd());
            ZoneId zone = quietHours.getTimeZone().isEmpty() ? ZoneOffset.UTC : ZoneId.of(quietHours.getTimeZone());
            return start.equals(end) ? Optional.empty() : Optional.of(new QuietHoursWindow(start, end, zone));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** When the quiet period that {@code now} lies in ends; empty when {@code now} is not in one. */
    Optional<Instant> endOfPeriodAround(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate date = local.toLocalDate();
        LocalDate endDate;
        if (start.isBefore(end)) {
            if (time.isBefore(start) || !time.isBefore(end)) {
                return Optional.empty();
            }
            endDate = date;
        } else if (!time.isBefore(start)) {
            endDate = date.plusDays(1);
        } else if (time.isBefore(end)) {
            endDate = date;
        } else {
            return Optional.empty();
        }
        Instant endsAt = firstInstantAt(LocalDateTime.of(endDate, end));
        if (!endsAt.isAfter(now)) {
            // The end wall-clock time occurs twice (DST fall back) and we are in the repeat.
            endsAt = LocalDateTime.of(endDate, end)
                    .atZone(zone)
                    .withLaterOffsetAtOverlap()
                    .toInstant();
        }
        return endsAt.isAfter(now) ? Optional.of(endsAt) : Optional.empty();
    }

    private Instant firstInstantAt(LocalDateTime wallClock) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(wallClock);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return wallClock.atZone(zone).toInstant();
    }
}
