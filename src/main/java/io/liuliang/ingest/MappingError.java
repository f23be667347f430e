package io.liuliang.ingest;

/**
 * One problem with a column mapping, for the console to show next to the field or column concerned.
 *
 * @param field   the field's key as given or known ({@code order_id}), or the unknown name the user typed
 * @param column  the header name concerned, or {@code null}
 * @param message an English explanation naming the field and the column
 */
record MappingError(Kind kind, String field, String column, String message) {

    /** What is wrong. */
    enum Kind {
        /** The override names a field that does not exist. */
        UNKNOWN_FIELD,
        /** The override names the same field twice (for instance as order_id and ORDER_ID). */
        DUPLICATE_FIELD,
        /** The override names a column that is not in the file's header. */
        UNKNOWN_COLUMN,
        /** A field the profile requires has no column. */
        MISSING_REQUIRED
    }
}
