package io.liuliang.shared;

/** One rejected field of a request: where ({@code field}, a JSON path such as {@code roles[0]}) and why. */
public record FieldError(String field, String message) {
}
