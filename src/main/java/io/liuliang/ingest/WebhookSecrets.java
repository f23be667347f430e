package io.liuliang.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.customer.PersonalData;
import io.liuliang.customer.PiiKind;
import io.liuliang.order.Shop;
import io.liuliang.order.Shops;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.ProblemType;
import io.liuliang.shared.ShopId;

/**
 * The secret each shop's platform signs its webhooks with (Shopify: the signing secret shown with the shop's
 * webhooks, or the app's client secret). Stored only encrypted by the PII vault ({@link PiiKind#SECRET}); the API
 * shows a hint of its last four characters, never the secret itself.
 */
@Service
class WebhookSecrets {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 256;

    private final JdbcClient jdbc;
    private final Shops shops;
    private final PersonalData vault;

    private final io.liuliang.iam.AuditLog audit;

    WebhookSecrets(JdbcClient jdbc, Shops shops, PersonalData vault, io.liuliang.iam.AuditLog audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.shops = shops;
        this.vault = vault;
    }

    /** What the API shows of a secret. */
    record SecretInfo(UUID shopId, String platform, String hint, Instant updatedAt) {
    }

    /** Sets or replaces the shop's secret; surrounding white space (a pasted line break) is dropped. */
    @Transactional
    SecretInfo set(ShopId shopId, String secret, String actor) {
        Shop shop = shop(shopId);
        String value = secret == null ? "" : secret.strip();
        int length = value.codePointCount(0, value.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw ApiProblemException.invalid("secret", "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        audit.record(io.liuliang.iam.AuditRecord.of(io.liuliang.iam.AuditAction.WEBHOOK_SECRET_SET, "shop",
                shopId.toString(), shop.name(), shop.platform().code() + " webhook signing secret set"));
        return jdbc.sql("""
                        INSERT INTO shop_webhook_secret (shop_id, platform, secret_enc, secret_hint, updated_at, updated_by)
                        VALUES (?, ?, ?, ?, now(), ?)
                        ON CONFLICT (shop_id) DO UPDATE SET platform = excluded.platform, secret_enc = excluded.secret_enc,
                            secret_hint = excluded.secret_hint, updated_at = excluded.updated_at,
                            updated_by = excluded.updated_by
                        RETURNING shop_id, platform, secret_hint, updated_at""")
                .params(shopId.value(), shop.platform().code(), vault.encrypt(PiiKind.SECRET, value),
                        vault.mask(PiiKind.SECRET, value), actor)
                .query(WebhookSecrets::info)
                .single();
    }

    SecretInfo get(ShopId shopId) {
        shop(shopId);
        return jdbc.sql("SELECT shop_id, platform, secret_hint, updated_at FROM shop_webhook_secret WHERE shop_id = ?")
                .param(shopId.value())
                .query(WebhookSecrets::info)
                .optional()
                .orElseThrow(() -> noSecret(shopId));
    }

    @Transactional
    void delete(ShopId shopId) {
        Shop shop = shop(shopId);
        if (jdbc.sql("DELETE FROM shop_webhook_secret WHERE shop_id = ?").param(shopId.value()).update() == 0) {
            throw noSecret(shopId);
        }
        audit.record(io.liuliang.iam.AuditRecord.of(io.liuliang.iam.AuditAction.WEBHOOK_SECRET_DELETED, "shop",
                shopId.toString(), shop.name(), null));
    }

    /**
     * The shop's secret in clear, to verify a webhook's signature with; empty when the shop is unknown or has none
     * (one query, so both cases look alike to a caller). Not audited: no person sees it.
     */
    Optional<String> reveal(ShopId shopId) {
        return jdbc.sql("SELECT secret_enc FROM shop_webhook_secret WHERE shop_id = ?")
                .param(shopId.value())
                .query((rs, n) -> rs.getBytes(1))
                .optional()
                .map(ciphertext -> vault.decrypt(PiiKind.SECRET, ciphertext));
    }

    private Shop shop(ShopId shopId) {
        return shops.find(shopId).orElseThrow(() -> ApiProblemException.notFound("Shop", shopId));
    }

    private static ApiProblemException noSecret(ShopId shopId) {
        return new ApiProblemException(ProblemType.NOT_FOUND, "Shop " + shopId + " has no webhook secret");
    }

    private static SecretInfo info(ResultSet rs, int row) throws SQLException {
        return new SecretInfo(rs.getObject("shop_id", UUID.class), rs.getString("platform"), rs.getString("secret_hint"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
