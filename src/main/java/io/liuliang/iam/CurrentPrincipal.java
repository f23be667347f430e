package io.liuliang.iam;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.ProblemType;

/** The caller of the current request. */
final class CurrentPrincipal {

    private CurrentPrincipal() {
    }

    static LiuliangPrincipal get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof LiuliangAuthentication la) {
            return la.getPrincipal();
        }
        throw new ApiProblemException(ProblemType.UNAUTHENTICATED, "Sign in or send a valid API token");
    }
}
