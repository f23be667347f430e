package io.liuliang.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@link Instant#parse} with a fast path for the form nearly every client sends, {@code 2026-06-18T12:00:00Z} with
 * an optional fraction of 1 to 9 digits: its fields are read at their fixed places and checked by
 * {@link LocalDateTime#of}. Anything else (an offset, lower-case letters, a leap second, an impossible date, a
 * malformed text) goes to {@link Instant#parse}, so the result and the errors are exactly its own. {@code
 * Instant.parse} costs about 0.7 µs, a fifth of validating an event of a batch; the fast path about 30 ns.
 */
final class IsoInstant {

    private static final int DATE_TIME_LENGTH = 19;
    private static final int MAX_FRACTION_DIGITS = 9;
    private static final int[] TENS = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private IsoInstant() {
    }

    /** The instant, or {@link java.time.format.DateTimeParseException} as {@link Instant#parse} throws it. */
    static Instant parse(CharSequence text) {
        Instant fast = fast(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null when the text is not exactly of that form. */
    private static Instant fast(CharSequence s) {
        int length = s.length();
        if (length < DATE_TIME_LENGTH + 1 || s.charAt(length - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int nanos = 0;
        int fractionDigits = length - 1 - (DATE_TIME_LENGTH + 1);
        if (length > DATE_TIME_LENGTH + 1) {
            if (s.charAt(DATE_TIME_LENGTH) != '.' || fractionDigits < 1 || fractionDigits > MAX_FRACTION_DIGITS) {
                return null;
            }
            int fraction = digits(s, DATE_TIME_LENGTH + 1, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * TENS[fractionDigits - 1];
        }
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The ASCII digits from {@code start} to {@code end} as a number, or -1 if any is not a digit. */
    private static int digits(CharSequence s, int start, int end) {
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
