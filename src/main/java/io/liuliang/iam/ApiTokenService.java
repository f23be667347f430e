package io.liuliang.iam;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.FieldError;

/**
 * Personal API tokens: {@code llt_} + 256 random bits, shown once, stored as a SHA-256 hash. A token carries at
 * most its creator's permissions: the effective permissions are recomputed on every request as the token's
 * permissions intersected with the user's current ones. A verified token is then trusted for
 * {@code liuliang.security.token-cache-ttl} (5 s by default, see {@link VerifiedTokens}), so revocations and user
 * changes made on another instance take effect within that bound, and at once when made through this one.
 */
@Service
class ApiTokenService {

    static final String PREFIX = "llt_";
    private static final int SECRET_BYTES = 32;
    private static final int SHOWN_PREFIX_LENGTH = 12;
    private static final int NAME_MAX = 100;
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final UserRepository users;
    private final AuditLog audit;
    private final IamProperties properties;
    private final Clock clock;
    private final VerifiedTokens verified;

    ApiTokenService(JdbcClient jdbc, UserRepository users, AuditLog audit, IamProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.verified = new VerifiedTokens(properties.tokenCacheTtl());
    }

    record Token(UUID id, UUID userId, String name, String prefix, List<String> permissions, Instant createdAt,
                 Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
    }

    record Created(Token token, String secret) {
    }

    @Transactional
    Created create(LiuliangPrincipal owner, String name, int expiresInDays, List<String> requested) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.strip().length() > NAME_MAX) {
            errors.add(new FieldError("name", "must be 1 to " + NAME_MAX + " characters"));
        }
        if (expiresInDays < 1 || expiresInDays > properties.maxTokenDays()) {
            errors.add(new FieldError("expiresInDays", "must be between 1 and " + properties.maxTokenDays()));
        }
        Set<String> permissions = new LinkedHashSet<>();
        if (requested == null || requested.isEmpty()) {
            errors.add(new FieldError("permissions", "choose at least one permission"));
        } else {
            for (int i = 0; i < requested.size(); i++) {
                String code = requested.get(i);
                if (Permission.ofCode(code).isEmpty()) {
                    errors.add(new FieldError("permissions[" + i + "]", "unknown permission " + code));
                } else if (!owner.permissions().contains(code)) {
                    errors.add(new FieldError("permissions[" + i + "]", "you do not hold " + code
                            + "; a token carries at most your own permissions"));
                } else {
                    permissions.add(code);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        byte[] random = new byte[SECRET_BYTES];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(Duration.ofDays(expiresInDays));
        jdbc.sql("INSERT INTO iam_api_token (id, user_id, name, prefix, secret_hash, permissions, created_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?::text[], ?, ?)")
                .params(id, owner.userId(), name.strip(), secret.substring(0, SHOWN_PREFIX_LENGTH), hash(secret),
                        "{" + String.join(",", permissions) + "}", Timestamp.from(now), Timestamp.from(expiresAt))
                .update();
        audit.record(AuditRecord.of(AuditAction.TOKEN_CREATED, "token", id.toString(), name.strip(),
                "expires " + expiresAt + "; permissions " + permissions));
        return new Created(find(id).orElseThrow(), secret);
    }

    List<Token> listFor(UUID userId) {
        return jdbc.sql("SELECT * FROM iam_api_token WHERE user_id = ? ORDER BY created_at DESC").param(userId)
                .query(ApiTokenService::map).list();
    }

    @Transactional
    void revoke(UUID owner, UUID tokenId) {
        Token token = find(tokenId).filter(t -> t.userId().equals(owner))
                .orElseThrow(() -> ApiProblemException.notFound("API token", tokenId));
        if (token.revokedAt() != null) {
            return;
        }
        jdbc.sql("UPDATE iam_api_token SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL").param(tokenId).update();
        verified.forgetToken(tokenId);
        audit.record(AuditRecord.of(AuditAction.TOKEN_REVOKED, "token", tokenId.toString(), token.name(), null));
    }

    /** Resolves a bearer secret into the caller, or empty when it is unknown, revoked, expired or its user disabled. */
    Optional<LiuliangPrincipal> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] secretHash = hash(secret);
        Instant now = clock.instant();
        Optional<LiuliangPrincipal> recent = verified.find(secretHash, now);
        if (recent.isPresent()) {
            return recent;
        }
        Optional<Token> found = jdbc.sql("SELECT * FROM iam_api_token WHERE secret_hash = ?").param(secretHash)
                .query(ApiTokenService::map).optional();
        if (found.isEmpty() || found.get().revokedAt() != null || !found.get().expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        Token token = found.get();
        Optional<UserRecord> user = users.findById(token.userId()).filter(UserRecord::enabled);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            jdbc.sql("UPDATE iam_api_token SET last_used_at = ? WHERE id = ?").params(Timestamp.from(now), token.id())
                    .update();
        }
        Set<String> effective = new LinkedHashSet<>(token.permissions());
        effective.retainAll(user.get().permissions());
        UserRecord u = user.get();
        LiuliangPrincipal principal = new LiuliangPrincipal(u.id(), u.username(), u.displayName(), Set.copyOf(effective),
                token.id(), false);
        verified.remember(secretHash, principal, token.expiresAt(), now);
        return Optional.of(principal);
    }

    /** The user's roles, state or password changed: their tokens are verified again on their next use. */
    void forgetVerifiedTokensOf(UUID userId) {
        verified.forgetUser(userId);
    }

    private Optional<Token> find(UUID id) {
        return jdbc.sql("SELECT * FROM iam_api_token WHERE id = ?").param(id).query(ApiTokenService::map).optional();
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Token map(ResultSet rs, int row) throws SQLException {
        return new Token(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("name"),
                rs.getString("prefix"), Arrays.asList((String[]) rs.getArray("permissions").getArray()),
                UserRepository.instant(rs, "created_at"), UserRepository.instant(rs, "expires_at"),
                UserRepository.instant(rs, "last_used_at"), UserRepository.instant(rs, "revoked_at"));
    }
}
