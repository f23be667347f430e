package io.liuliang.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A validated {@code limit}/{@code cursor} pair. Cursors are URL-safe base64 of a module-defined key; a cursor
 * that cannot be decoded is a client error, never a server error.
 */
public record PageRequest(int limit, String cursorKey) {

    public static PageRequest of(Integer limit, String cursor) {
        int effective = limit == null ? CursorPage.DEFAULT_LIMIT : limit;
        if (effective < 1 || effective > CursorPage.MAX_LIMIT) {
            throw ApiProblemException.invalid("limit", "must be between 1 and " + CursorPage.MAX_LIMIT);
        }
        return new PageRequest(effective, cursor == null || cursor.isBlank() ? null : decode(cursor));
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalid("cursor", "is not a cursor returned by this API");
        }
    }

    /** The cursor key as a long id (the common case of id-ordered lists). */
    public Long cursorAsLong() {
        if (cursorKey == null) {
            return null;
        }
        try {
            return Long.parseLong(cursorKey);
        } catch (NumberFormatException e) {
            throw ApiProblemException.invalid("cursor", "is not a cursor returned by this API");
        }
    }

    /** A cursor of a list ordered by a value and then an id: the last row's value and id. */
    public record After<T>(T value, java.util.UUID id) {
    }

    /**
     * The cursor key as {@code value separator id} (see {@link #encode(String, char, java.util.UUID)}), the value read
     * with {@code parse}; null without a cursor.
     */
    public <T> After<T> cursorAsValueAndId(char separator, java.util.function.Function<String, T> parse) {
        if (cursorKey == null) {
            return null;
        }
        int cut = cursorKey.lastIndexOf(separator);
        try {
            return new After<>(parse.apply(cursorKey.substring(0, cut)), java.util.UUID.fromString(cursorKey.substring(cut + 1)));
        } catch (RuntimeException e) {
            throw ApiProblemException.invalid("cursor", "is not a cursor returned by this API");
        }
    }

    /** The cursor of a row of a list ordered by {@code value} and then {@code id}. */
    public static String encode(String value, char separator, java.util.UUID id) {
        return encode(value + separator + id);
    }

    /** Rows to fetch: one more than the limit, to know whether a next page exists. */
    public int fetchSize() {
        return limit + 1;
    }
}
