package io.liuliang.iam;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import io.liuliang.shared.ProblemType;
import io.liuliang.shared.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Authenticates each request from its session (console) or its bearer token (integrators). A session's user is
 * re-read on every request, so disabling a user, changing roles or resetting a password takes effect at once on every
 * instance; a bearer token is verified again at least every {@code liuliang.security.token-cache-ttl} (5 s), see
 * {@link ApiTokenService}. Bearer requests never touch the session store. A user who must change their password can
 * reach only the endpoints needed to do so.
 */
class LiuliangAuthenticationFilter extends OncePerRequestFilter {

    static final String SESSION_USER = "liuliang.userId";
    static final String SESSION_AUTHENTICATED_AT = "liuliang.authenticatedAt";
    private static final Set<String> ALLOWED_BEFORE_PASSWORD_CHANGE = Set.of(
            "/api/v1/auth/me", "/api/v1/auth/password", "/api/v1/auth/logout", "/api/v1/auth/login");

    private final UserRepository users;
    private final ApiTokenService tokens;
    private final ProblemWriter problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    LiuliangAuthenticationFilter(UserRepository users, ApiTokenService tokens, ProblemWriter problems) {
        this.users = users;
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<LiuliangPrincipal> principal;
        if (BearerToken.present(request)) {
            principal = tokens.authenticate(BearerToken.of(request));
            if (principal.isEmpty()) {
                problems.write(request, response, Problems.of(ProblemType.UNAUTHENTICATED,
                        "The API token is unknown, revoked or expired"));
                return;
            }
        } else {
            principal = fromSession(request);
        }
        if (principal.isPresent()) {
            LiuliangPrincipal p = principal.get();
            if (p.mustChangePassword() && request.getRequestURI().startsWith("/api/")
                    && !ALLOWED_BEFORE_PASSWORD_CHANGE.contains(request.getRequestURI())) {
                problems.write(request, response, Problems.of(ProblemType.PASSWORD_CHANGE_REQUIRED,
                        "Change your password before doing anything else"));
                return;
            }
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(new LiuliangAuthentication(p));
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }

    private Optional<LiuliangPrincipal> fromSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(SESSION_USER) instanceof String userId)) {
            return Optional.empty();
        }
        Object authenticatedAt = session.getAttribute(SESSION_AUTHENTICATED_AT);
        Optional<UserRecord> user = users.findById(UUID.fromString(userId))
                .filter(UserRecord::enabled)
                .filter(u -> authenticatedAt instanceof Long at && !Instant.ofEpochMilli(at).isBefore(u.sessionsValidAfter()));
        if (user.isEmpty()) {
            session.invalidate();
            return Optional.empty();
        }
        UserRecord u = user.get();
        return Optional.of(new LiuliangPrincipal(u.id(), u.username(), u.displayName(), u.permissions(), null,
                u.mustChangePassword()));
    }
}
