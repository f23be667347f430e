package io.liuliang.iam;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * API tokens verified recently, by the SHA-256 of their secret, so that a busy integrator's requests do not read the
 * token and its user on every call. An entry is trusted for at most {@code ttl} and never past the token's expiry.
 * Revoking a token or changing its user through this instance forgets the entries at once and again when that
 * transaction ends (so a request that read the old rows meanwhile cannot keep them); changes made elsewhere (another
 * instance, the database) take effect within {@code ttl}.
 */
final class VerifiedTokens {

    /** Enough for every integrator of a merchant; past it, stale entries go, and if none are stale, all. */
    static final int MAX_ENTRIES = 10_000;

    private record Entry(LiuliangPrincipal principal, Instant expiresAt, Instant verifiedAt) {
    }

    private final Duration ttl;
    private final Map<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();

    VerifiedTokens(Duration ttl) {
        this.ttl = ttl;
    }

    boolean enabled() {
        return !ttl.isZero() && !ttl.isNegative();
    }

    Optional<LiuliangPrincipal> find(byte[] secretHash, Instant now) {
        if (!enabled()) {
            return Optional.empty();
        }
        Entry entry = entries.get(ByteBuffer.wrap(secretHash));
        if (entry == null) {
            return Optional.empty();
        }
        if (!fresh(entry, now)) {
            entries.remove(ByteBuffer.wrap(secretHash), entry);
            return Optional.empty();
        }
        return Optional.of(entry.principal());
    }

    void remember(byte[] secretHash, LiuliangPrincipal principal, Instant expiresAt, Instant now) {
        if (!enabled()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !fresh(e, now));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(ByteBuffer.wrap(secretHash.clone()), new Entry(principal, expiresAt, now));
    }

    void forgetToken(UUID tokenId) {
        forget(p -> tokenId.equals(p.tokenId()));
    }

    void forgetUser(UUID userId) {
        forget(p -> userId.equals(p.userId()));
    }

    private void forget(Predicate<LiuliangPrincipal> which) {
        entries.values().removeIf(e -> which.test(e.principal()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    entries.values().removeIf(e -> which.test(e.principal()));
                }
            });
        }
    }

    private boolean fresh(Entry entry, Instant now) {
        return entry.expiresAt().isAfter(now) && entry.verifiedAt().plus(ttl).isAfter(now);
    }
}
