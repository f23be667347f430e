package io.liuliang.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Quiet hours as a pure function of an instant: a window {@code [start, end)} in local time, over midnight when
 * {@code start > end} (21:00–08:00); empty when {@code start == end}.
 */
final class QuietHours {

    private QuietHours() {
    }

    record Window(LocalTime start, LocalTime end) {
    }

    /** When the window that {@code at} falls into ends, or empty when it is outside it. */
    static Optional<Instant> endOf(Window window, Instant at, ZoneId zone) {
        LocalTime start = window.start();
        LocalTime end = window.end();
        if (start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = at.atZone(zone);
        LocalTime t = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        if (start.isBefore(end)) {
            return !t.isBefore(start) && t.isBefore(end) ? Optional.of(day.atTime(end).atZone(zone).toInstant())
                    : Optional.empty();
        }
        if (!t.isBefore(start)) {
            return Optional.of(day.plusDays(1).atTime(end).atZone(zone).toInstant());
        }
        if (t.isBefore(end)) {
            return Optional.of(day.atTime(end).atZone(zone).toInstant());
        }
        return Optional.empty();
    }

    /** The first instant at or after {@code at} outside every window (windows may chain). */
    static Instant firstAllowed(List<Window> windows, Instant at, ZoneId zone) {
        Instant t = at;
        for (int round = 0; round <= windows.size(); round++) {
            Instant moved = t;
            for (Window w : windows) {
                Optional<Instant> end = endOf(w, moved, zone);
                if (end.isPresent()) {
                    moved = end.get();
                }
            }
            if (moved.equals(t)) {
                return t;
            }
            t = moved;
        }
        return t;
    }

    /** The local days a cap of {@code periodDays} counts for a message at {@code at}: from the start of the first day to the end of {@code at}'s day. */
    static Instant[] capWindow(Instant at, ZoneId zone, int periodDays) {
        LocalDate day = at.atZone(zone).toLocalDate();
        return new Instant[] {day.minusDays(periodDays - 1L).atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant()};
    }
}
