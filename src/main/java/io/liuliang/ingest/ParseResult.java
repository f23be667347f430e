package io.liuliang.ingest;

/**
 * The outcome of parsing one cell: a value (which is {@code null} for a blank cell) or a rejection with its reason.
 * Parsers return this instead of throwing, so that the import job can report a bad row and go on.
 *
 * @param <T> the value type
 */
sealed interface ParseResult<T> permits ParseResult.Ok, ParseResult.Rejected {

    /** An accepted cell; {@code value} is {@code null} when the cell was blank. */
    record Ok<T>(T value) implements ParseResult<T> {
    }

    /** A refused cell: why, and the text that was refused. */
    record Rejected<T>(Rejection reason, String input) implements ParseResult<T> {

        /** An English message such as {@code "'12,5' is ambiguous: …"}. */
        String message() {
            return "'" + input + "' " + reason.description();
        }
    }

    static <T> ParseResult<T> ok(T value) {
        return new Ok<>(value);
    }

    @SuppressWarnings("unchecked")
    static <T> ParseResult<T> blank() {
        return (ParseResult<T>) Blank.INSTANCE;
    }

    static <T> ParseResult<T> rejected(Rejection reason, String input) {
        return new Rejected<>(reason, input);
    }

    default boolean isRejected() {
        return this instanceof Rejected;
    }

    /** The value, or {@code null} when the cell was blank or rejected. */
    default T valueOrNull() {
        return this instanceof Ok<T> ok ? ok.value() : null;
    }

    /** Holder of the shared blank result. */
    final class Blank {
        static final Ok<Object> INSTANCE = new Ok<>(null);

        private Blank() {
        }
    }
}
