package io.liuliang.shared;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The stable problem types of the API (RFC 9457). The {@code type} URI of a problem never changes once
 * published, so clients may branch on it.
 */
public enum ProblemType {
    VALIDATION("validation", HttpStatus.BAD_REQUEST, "Validation failed"),
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),
    BAD_CREDENTIALS("bad-credentials", HttpStatus.UNAUTHORIZED, "Bad credentials"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Permission denied"),
    CSRF("csrf", HttpStatus.FORBIDDEN, "Missing or invalid CSRF token"),
    ACCOUNT_DISABLED("account-disabled", HttpStatus.FORBIDDEN, "Account disabled"),
    PASSWORD_CHANGE_REQUIRED("password-change-required", HttpStatus.FORBIDDEN, "Password change required"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
    /** A coupon that cannot be used on this order; the {@code reason} property says why. */
    COUPON_NOT_REDEEMABLE("coupon-not-redeemable", HttpStatus.CONFLICT, "Coupon cannot be redeemed"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    ACCOUNT_LOCKED("account-locked", HttpStatus.LOCKED, "Account locked"),
    INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    public static final String BASE_URI = "https://liuliang.dev/problems/";

    private final String slug;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return URI.create(BASE_URI + slug);
    }

    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The type that best describes a status Spring produced on its own (405, 415, ...). */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status.value() == status && type != BAD_CREDENTIALS && type != MALFORMED_REQUEST
                    && type != CSRF && type != ACCOUNT_DISABLED && type != COUPON_NOT_REDEEMABLE && type != PASSWORD_CHANGE_REQUIRED) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : MALFORMED_REQUEST;
    }
}
