package io.liuliang.iam;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: a console user (session) or an integrator (API token, whose permissions are at most the
 * user's).
 */
record LiuliangPrincipal(UUID userId, String username, String displayName, Set<String> permissions,
                         UUID tokenId, boolean mustChangePassword) {

    boolean viaToken() {
        return tokenId != null;
    }
}
