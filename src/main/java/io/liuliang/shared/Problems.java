package io.liuliang.shared;

import java.util.List;
import java.util.Map;

import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 ProblemDetail bodies of the API, the same way for controllers and filters. */
public final class Problems {

    public static final String ERRORS = "errors";

    private Problems() {
    }

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    public static ProblemDetail of(ApiProblemException e) {
        ProblemDetail problem = of(e.type(), e.getMessage());
        if (!e.fieldErrors().isEmpty()) {
            problem.setProperty(ERRORS, e.fieldErrors());
        }
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    public static ProblemDetail validation(List<FieldError> errors) {
        return of(ApiProblemException.invalid(errors));
    }

    public static ProblemDetail withProperties(ProblemDetail problem, Map<String, Object> properties) {
        properties.forEach(problem::setProperty);
        return problem;
    }
}
