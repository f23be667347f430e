package io.liuliang.ingest;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the date-times of one import: tries a profile's patterns in order and returns an {@link Instant}. Text with
 * an offset ({@code 2024-06-18T20:01:02+08:00}, {@code 2024-06-18 20:01:02 +0800}) is exact; local text
 * ({@code 2024/6/18 20:01:02}) is read in the zone given (the shop's, or the profile's own); a date alone is the
 * start of that day there. Calendar errors such as {@code 2024-02-30} are rejected, not adjusted.
 * <p>
 * Never throws for bad input. Built for a million rows: the common numeric shapes ({@code 2024-06-18 20:01:02},
 * {@code 2024/6/18 20:01}) are parsed without a formatter when the patterns allow them, the previous text's result
 * is reused (the lines of one order share their time), and the pattern that matched last is tried first. So it is
 * not thread-safe: one parser per import.
 */
final class ImportDateTimeParser {

    private final List<String> patterns;
    private final List<DateTimeFormatter> formatters;
    private final ZoneId zone;
    /** Which of the common numeric shapes the patterns allow, for the fast path. */
    private final boolean dashSeconds;
    private final boolean slashSeconds;
    private final boolean dashMinutes;
    private final boolean slashMinutes;
    private int last;
    private String lastText;
    private ParseResult<Instant> lastResult;

    /**
     * @param patterns {@link DateTimeFormatter} patterns, such as {@code uuuu-M-d H:mm:ss}; an optional fraction of
     *                 a second is accepted after {@code ss}
     * @param zone     the zone of local date-times
     */
    ImportDateTimeParser(List<String> patterns, ZoneId zone) {
        this.patterns = List.copyOf(patterns);
        this.zone = zone;
        List<DateTimeFormatter> list = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            list.add(formatter(pattern));
        }
        this.formatters = List.copyOf(list);
        this.dashSeconds = patterns.contains("uuuu-M-d H:mm:ss");
        this.slashSeconds = patterns.contains("uuuu/M/d H:mm:ss");
        this.dashMinutes = patterns.contains("uuuu-M-d H:mm");
        this.slashMinutes = patterns.contains("uuuu/M/d H:mm");
    }

    /** A strict formatter for {@code pattern}, accepting {@code .S…} (up to nanoseconds) after the seconds. */
    static DateTimeFormatter formatter(String pattern) {
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive();
        int seconds = pattern.indexOf("ss");
        if (seconds < 0) {
            builder.appendPattern(pattern);
        } else {
            builder.appendPattern(pattern.substring(0, seconds + 2))
                    .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd();
            if (seconds + 2 < pattern.length()) {
                builder.appendPattern(pattern.substring(seconds + 2));
            }
        }
        return builder.toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    List<String> patterns() {
        return patterns;
    }

    ZoneId zone() {
        return zone;
    }

    ParseResult<Instant> parse(String raw) {
        String s = ImportText.clean(raw);
        if (ImportValues.isNone(s)) {
            return ParseResult.blank();
        }
        if (s.equals(lastText)) {
            return lastResult; // consecutive lines of one order share their time
        }
        ParseResult<Instant> result = fast(s);
        if (result == null) {
            result = withFormatters(s);
        }
        lastText = s;
        lastResult = result;
        return result;
    }

    /**
     * Parses {@code 2024-06-18 20:01:02}, {@code 2024/6/18 8:01} and the like without a formatter, if the patterns
     * allow that shape; {@code null} if {@code s} has another shape.
     */
    private ParseResult<Instant> fast(String s) {
        int n = s.length();
        if (n < 14 || n > 19 || !digits(s, 0, 4)) {
            return null;
        }
        char separator = s.charAt(4);
        if (separator != '-' && separator != '/') {
            return null;
        }
        int year = number(s, 0, 4);
        int i = 5;
        int monthEnd = fieldEnd(s, i, separator);
        if (monthEnd < 0) {
            return null;
        }
        int month = number(s, i, monthEnd);
        i = monthEnd + 1;
        int dayEnd = fieldEnd(s, i, ' ');
        if (dayEnd < 0) {
            return null;
        }
        int day = number(s, i, dayEnd);
        i = dayEnd + 1;
        int hourEnd = fieldEnd(s, i, ':');
        if (hourEnd < 0) {
            return null;
        }
        int hour = number(s, i, hourEnd);
        i = hourEnd + 1;
        if (i + 2 > n || !digits(s, i, i + 2)) {
            return null;
        }
        int minute = number(s, i, i + 2);
        i += 2;
        int second = 0;
        boolean seconds = i < n;
        if (seconds) {
            if (i + 3 != n || s.charAt(i) != ':' || !digits(s, i + 1, n)) {
                return null;
            }
            second = number(s, i + 1, n);
        }
        boolean allowed = separator == '-' ? (seconds ? dashSeconds : dashMinutes)
                : (seconds ? slashSeconds : slashMinutes);
        if (!allowed) {
            return null;
        }
        try {
            return ParseResult.ok(LocalDateTime.of(year, month, day, hour, minute, second).atZone(zone).toInstant());
        } catch (DateTimeException e) {
            return ParseResult.rejected(Rejection.INVALID_DATE, s);
        }
    }

    /** The end of a field of 1 or 2 digits starting at {@code start} and ended by {@code terminator}, or -1. */
    private static int fieldEnd(String s, int start, char terminator) {
        int n = s.length();
        for (int end = start + 1; end <= start + 2 && end < n; end++) {
            if (s.charAt(end) == terminator) {
                return digits(s, start, end) ? end : -1;
            }
        }
        return -1;
    }

    private static boolean digits(String s, int from, int to) {
        if (to > s.length() || from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value;
    }

    private ParseResult<Instant> withFormatters(String s) {
        int n = formatters.size();
        for (int k = 0; k < n; k++) {
            int i = (last + k) % n;
            DateTimeFormatter formatter = formatters.get(i);
            ParsePosition position = new ParsePosition(0);
            if (formatter.parseUnresolved(s, position) == null || position.getErrorIndex() >= 0
                    || position.getIndex() != s.length()) {
                continue;
            }
            last = i;
            try {
                return ParseResult.ok(toInstant(formatter.parse(s)));
            } catch (DateTimeException e) {
                return ParseResult.rejected(Rejection.INVALID_DATE, s);
            }
        }
        return ParseResult.rejected(Rejection.NOT_A_DATE_TIME, s);
    }

    private Instant toInstant(TemporalAccessor parsed) {
        LocalDate date = parsed.query(TemporalQueries.localDate());
        LocalTime time = parsed.query(TemporalQueries.localTime());
        ZoneOffset offset = parsed.query(TemporalQueries.offset());
        if (date == null) {
            throw new DateTimeException("no date");
        }
        if (time == null) {
            return date.atStartOfDay(zone).toInstant();
        }
        if (offset != null) {
            return date.atTime(time).toInstant(offset);
        }
        return date.atTime(time).atZone(zone).toInstant();
    }
}
