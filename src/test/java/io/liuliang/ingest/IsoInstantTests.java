package io.liuliang.ingest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsoInstantTests {

    @Test
    void readsWhatInstantParseReads() {
        for (String text : List.of("2026-06-18T12:00:00Z", "2000-01-01T00:00:00Z", "2026-11-11T12:00:00.1Z",
                "2026-11-11T12:00:00.12Z", "2026-11-11T12:00:00.123Z", "2026-11-11T12:00:00.123456Z",
                "2026-11-11T12:00:00.123456789Z", "2024-02-29T23:59:59.999999999Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z",
                // the slow path's forms
                "2026-06-18T12:00:00+08:00", "2026-06-18t12:00:00z", "+12026-06-18T12:00:00Z", "2026-06-18T23:59:60Z",
                "2026-06-18T24:00:00Z", "2026-06-18T12:00:00.Z")) {
            assertThat(IsoInstant.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        for (String text : List.of("", "2026-06-18", "2026-06-18T12:00Z", "2026-06-18T12:00:00", "2026-02-30T12:00:00Z",
                "2026-13-01T12:00:00Z", "2026-06-18T25:00:00Z", "2026-06-18T12:60:00Z", "2026-06-18T12:00:00.1234567890Z", "2026-06-18 12:00:00Z", "2026-0a-18T12:00:00Z",
                "2026-06-18T12:00:00.12a4Z", "2026-06-18T12:00:00ZZ", "yesterday")) {
            assertThatThrownBy(() -> Instant.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> IsoInstant.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void agreesWithInstantParseOnRandomInstants() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    });
            String text = instant.toString();
            assertThat(IsoInstant.parse(text)).as(text).isEqualTo(Instant.parse(text)).isEqualTo(instant);
        }
    }
}
