package io.liuliang.shared;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a cursor-paginated list. {@code nextCursor} is opaque to clients and {@code null} on the last page.
 */
public record CursorPage<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public CursorPage {
        items = List.copyOf(items);
    }

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only tells that there is more.
     */
    public static <T> CursorPage<T> of(List<T> rowsFetched, int limit, Function<T, String> cursorOf) {
        if (rowsFetched.size() <= limit) {
            return new CursorPage<>(rowsFetched, null);
        }
        List<T> page = rowsFetched.subList(0, limit);
        return new CursorPage<>(page, cursorOf.apply(page.get(limit - 1)));
    }

    public <R> CursorPage<R> map(Function<T, R> mapper) {
        return new CursorPage<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
