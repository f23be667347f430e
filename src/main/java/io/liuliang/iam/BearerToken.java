package io.liuliang.iam;

import org.springframework.http.HttpHeaders;

import jakarta.servlet.http.HttpServletRequest;

/** The {@code Authorization: Bearer …} header of an integrator's request. */
final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private BearerToken() {
    }

    static boolean present(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** The secret; call only when {@link #present} holds. */
    static String of(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION).substring(SCHEME.length()).strip();
    }
}
