package io.liuliang.iam;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A row of {@code iam_user}. */
record UserRecord(UUID id, String username, String displayName, String email, String passwordHash, List<Role> roles,
                  boolean enabled, boolean mustChangePassword, int failedLogins, Instant lockedUntil,
                  Instant lastLoginAt, Instant sessionsValidAfter, Instant createdAt, Instant updatedAt) {

    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    Set<String> permissions() {
        return roles.stream().flatMap(r -> r.permissions().stream()).map(Permission::code)
                .collect(Collectors.toUnmodifiableSet());
    }
}
