package io.liuliang.messaging;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Quiet hours and cap windows as pure functions of an instant. */
class QuietHoursTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final QuietHours.Window NIGHT = new QuietHours.Window(LocalTime.of(21, 0), LocalTime.of(8, 0));

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void aMessageAt22hLocalIsDeferredTo8hTheNextMorning() {
        assertThat(QuietHours.endOf(NIGHT, at("2026-12-03T22:00:00"), SHANGHAI)).contains(at("2026-12-04T08:00:00"));
        assertThat(QuietHours.endOf(NIGHT, at("2026-12-04T07:59:59"), SHANGHAI)).contains(at("2026-12-04T08:00:00"));
        assertThat(QuietHours.endOf(NIGHT, at("2026-12-03T21:00:00"), SHANGHAI)).contains(at("2026-12-04T08:00:00"));
        assertThat(QuietHours.endOf(NIGHT, at("2026-12-04T08:00:00"), SHANGHAI)).isEmpty();
        assertThat(QuietHours.endOf(NIGHT, at("2026-12-04T12:00:00"), SHANGHAI)).isEmpty();
        // 22:00 in Shanghai is 14:00 UTC
        assertThat(QuietHours.firstAllowed(List.of(NIGHT), Instant.parse("2026-12-03T14:00:00Z"), SHANGHAI))
                .isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
    }

    @Test
    void aSameDayWindowAndChainedWindows() {
        QuietHours.Window lunch = new QuietHours.Window(LocalTime.of(12, 0), LocalTime.of(13, 30));
        assertThat(QuietHours.endOf(lunch, at("2026-12-03T12:10:00"), SHANGHAI)).contains(at("2026-12-03T13:30:00"));
        assertThat(QuietHours.endOf(lunch, at("2026-12-03T13:30:00"), SHANGHAI)).isEmpty();
        assertThat(QuietHours.endOf(new QuietHours.Window(LocalTime.NOON, LocalTime.NOON), at("2026-12-03T12:00:00"),
                SHANGHAI)).isEqualTo(Optional.empty());
        QuietHours.Window morning = new QuietHours.Window(LocalTime.of(8, 0), LocalTime.of(9, 0));
        assertThat(QuietHours.firstAllowed(List.of(morning, NIGHT), at("2026-12-03T23:00:00"), SHANGHAI))
                .isEqualTo(at("2026-12-04T09:00:00"));
    }

    @Test
    void capWindowsAreLocalDays() {
        Instant[] day = QuietHours.capWindow(at("2026-12-03T23:30:00"), SHANGHAI, 1);
        assertThat(day).containsExactly(at("2026-12-03T00:00:00"), at("2026-12-04T00:00:00"));
        Instant[] month = QuietHours.capWindow(at("2026-12-03T08:00:00"), SHANGHAI, 30);
        assertThat(month[0]).isEqualTo(at("2026-11-04T00:00:00"));
    }
}
