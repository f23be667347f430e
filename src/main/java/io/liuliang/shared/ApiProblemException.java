package io.liuliang.shared;

import java.util.List;
import java.util.Map;

/**
 * A failure the API reports as a ProblemDetail: a stable type, a human-readable detail, optional field
 * errors and optional extra properties (for example {@code lockedUntil}).
 */
public class ApiProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> fieldErrors;
    private final Map<String, Object> properties;

    public ApiProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public ApiProblemException(ProblemType type, String detail, List<FieldError> fieldErrors, Map<String, Object> properties) {
        super(detail);
        this.type = type;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.properties = Map.copyOf(properties);
    }

    public static ApiProblemException notFound(String what, Object id) {
        return new ApiProblemException(ProblemType.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static ApiProblemException conflict(String detail) {
        return new ApiProblemException(ProblemType.CONFLICT, detail);
    }

    public static ApiProblemException conflict(String field, String detail) {
        return new ApiProblemException(ProblemType.CONFLICT, detail, List.of(new FieldError(field, detail)), Map.of());
    }

    public static ApiProblemException invalid(String field, String message) {
        return new ApiProblemException(ProblemType.VALIDATION, field + ": " + message,
                List.of(new FieldError(field, message)), Map.of());
    }

    public static ApiProblemException invalid(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return new ApiProblemException(ProblemType.VALIDATION, detail, errors, Map.of());
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** Extension members of the problem (RFC 9457 section 3.2). */
    public Map<String, Object> properties() {
        return properties;
    }
}
