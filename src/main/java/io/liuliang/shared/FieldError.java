package io.liuliang.shared;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One rejected field of a request: where ({@code field}, a JSON path such as {@code roles[0]}) and why, in English
 * ({@code message}). A module that wants the console to word the problem in the user's language also gives a stable
 * {@code code} (such as {@code journey.minutesRequired}) and the values its wording needs ({@code params}); both are
 * left out of the JSON when absent.
 */
public record FieldError(String field, String message,
        @JsonInclude(JsonInclude.Include.NON_NULL) String code,
        @JsonInclude(JsonInclude.Include.NON_NULL) ProblemParams params) {

    /** A field error with only an English message. */
    public FieldError(String field, String message) {
        this(field, message, null, null);
    }

    /** A field error with a stable code and the values of its wording. */
    public static FieldError coded(String field, String message, String code, ProblemParams params) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a coded field error needs a code");
        }
        return new FieldError(field, message, code, params == null || params.isEmpty() ? null : params);
    }
}
