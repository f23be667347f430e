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

    /** Rows to fetch: one more than the limit, to know whether a next page exists. */
    public int fetchSize() {
        return limit + 1;
    }
}
