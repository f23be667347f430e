package io.liuliang.customer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.iam.AuditAction;
import io.liuliang.iam.AuditLog;
import io.liuliang.iam.AuditRecord;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.ShopId;
import io.liuliang.shared.PageRequest;

/** Reads for the console and API: the 360° view and customer search. */
@Service
class CustomerQueries {

    private static final int MAX_QUERY = 200;
    private static final int RECENT_ORDERS = 20;
    private static final int RECENT_EVENTS = 50;

    private final JdbcClient jdbc;
    private final CustomerStore store;
    private final MergeService merges;
    private final IdentityTypeRegistry types;
    private final IdentityNormalizer normalizer;
    private final PiiCipher cipher;
    private final AuditLog audit;
    private final io.liuliang.order.Orders orders;
    private final io.liuliang.event.Events events;
    private final org.springframework.beans.factory.ObjectProvider<io.liuliang.shared.CustomerTags> tags;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate auditedRead;

    CustomerQueries(JdbcClient jdbc, CustomerStore store, MergeService merges, IdentityTypeRegistry types,
                    IdentityNormalizer normalizer, PiiCipher cipher, AuditLog audit, io.liuliang.order.Orders orders,
                    io.liuliang.event.Events events,
                    org.springframework.beans.factory.ObjectProvider<io.liuliang.shared.CustomerTags> tags,
                    PlatformTransactionManager transactions) {
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.auditedRead = new TransactionTemplate(transactions);
        this.tags = tags;
        this.orders = orders;
        this.events = events;
        this.jdbc = jdbc;
        this.store = store;
        this.merges = merges;
        this.types = types;
        this.normalizer = normalizer;
        this.cipher = cipher;
        this.audit = audit;
    }

    /** A customer, or where a merged-away id now lives. */
    sealed interface Lookup permits Found, MergedInto {
    }

    record Found(CustomerView view) implements Lookup {
    }

    record MergedInto(UUID survivor) implements Lookup {
    }

    /**
     * The 360° view, read in one transaction on one connection: read-only, or, when personal data is revealed,
     * read-write because the unmasked read is audited in it.
     */
    Lookup view(UUID id, boolean revealPii) {
        return (revealPii ? auditedRead : readOnly).execute(status -> assemble(id, revealPii));
    }

    private Lookup assemble(UUID id, boolean revealPii) {
        CustomerStore.WithConflicts found = store.findWithOpenConflicts(id)
                .orElseThrow(() -> ApiProblemException.notFound("Customer", id));
        CustomerRow row = found.customer();
        if (row.mergedInto() != null) {
            return new MergedInto(store.survivorOf(id).orElse(row.mergedInto()));
        }
        io.liuliang.shared.CustomerId customer = new io.liuliang.shared.CustomerId(id);
        List<CustomerView.IdentityView> identities = store.identitiesOf(List.of(id)).stream()
                .map(r -> new CustomerView.IdentityView(r.id(), r.type(), identityValue(r, revealPii),
                        r.scopeId().equals(NormalizedIdentity.NO_SCOPE) ? null : r.scopeId(), r.flagged(), r.source(),
                        r.firstSeenAt(), r.lastSeenAt(), r.originCustomerId()))
                .toList();
        String realName = revealPii && row.realNameEnc() != null ? cipher.decrypt(PiiKind.NAME, row.realNameEnc())
                : row.realNameMasked();
        if (revealPii) {
            audit.record(AuditRecord.of(AuditAction.PII_READ, "customer", id.toString(), row.displayName(),
                    "360° view with personal data"));
        }
        return new Found(new CustomerView(row.id(), row.displayName(), row.gender(), row.birthday(), row.province(),
                row.city(), realName, row.firstSeenAt(), row.lastSeenAt(), row.source(), revealPii, identities,
                merges.history(id), found.openConflicts(), orders.summaryOf(customer),
                orders.recentOf(customer, RECENT_ORDERS), events.recentOf(customer, RECENT_EVENTS),
                tags.stream().flatMap(t -> t.tagsOf(customer).stream()).toList()));
    }

    private String identityValue(IdentityRow r, boolean revealPii) {
        if (r.valueEnc() == null) {
            return r.valuePlain();
        }
        if (!revealPii) {
            return r.valueMasked();
        }
        PiiKind kind = IdentityType.EMAIL.equals(r.type()) ? PiiKind.EMAIL : PiiKind.PHONE;
        return cipher.decrypt(kind, r.valueEnc());
    }

    /**
     * Filters of the customer list; each may be null. {@code shopId}: known in that shop (a shop-scoped identity) or
     * bought there; spend (net of refunds) and order count bounds are inclusive, and that shop's when one is given.
     */
    record Filter(String q, String province, String city, UUID shopId, java.math.BigDecimal minSpent,
                  java.math.BigDecimal maxSpent, Long minOrders, Long maxOrders) {

        Filter(String q, String province, String city, UUID shopId) {
            this(q, province, city, shopId, null, null, null, null);
        }

        Filter {
            if (minOrders != null && minOrders < 0) {
                throw ApiProblemException.invalid("minOrders", "must be 0 or more");
            }
            if (maxOrders != null && maxOrders < 0) {
                throw ApiProblemException.invalid("maxOrders", "must be 0 or more");
            }
            if (minOrders != null && maxOrders != null && minOrders > maxOrders) {
                throw ApiProblemException.invalid("maxOrders", "must not be below minOrders (" + minOrders + ")");
            }
            if (minSpent != null && maxSpent != null && minSpent.compareTo(maxSpent) > 0) {
                throw ApiProblemException.invalid("maxSpent", "must not be below minSpent (" + minSpent.toPlainString() + ")");
            }
        }
    }

    record Page(List<CustomerSummary> items, String nextCursor, long total) {
    }

    Page search(Filter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE c.merged_into IS NULL");
        List<Object> params = new ArrayList<>();
        if (filter.q() != null && !filter.q().isBlank()) {
            String q = filter.q().strip();
            if (q.length() > MAX_QUERY) {
                throw ApiProblemException.invalid("q", "at most " + MAX_QUERY + " characters");
            }
            where.append(" AND (lower(c.display_name) LIKE ? ESCAPE '\\'");
            params.add(q.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
            List<String> keyClauses = new ArrayList<>();
            for (IdentityType type : types.all()) {
                Optional<byte[]> key = normalizer.searchKey(type, q);
                if (key.isPresent()) {
                    keyClauses.add("(ci.type = ? AND ci.value_key = ?)");
                    params.add(type.code());
                    params.add(key.get());
                }
            }
            if (!keyClauses.isEmpty()) {
                where.append(" OR c.id IN (SELECT ci.customer_id FROM customer_identity ci WHERE ")
                        .append(String.join(" OR ", keyClauses)).append(")");
            }
            where.append(")");
        }
        if (filter.province() != null && !filter.province().isBlank()) {
            where.append(" AND c.province = ?");
            params.add(filter.province().strip());
        }
        if (filter.city() != null && !filter.city().isBlank()) {
            where.append(" AND c.city = ?");
            params.add(filter.city().strip());
        }
        ShopId shop = filter.shopId() == null ? null : new ShopId(filter.shopId());
        if (shop != null) {
            io.liuliang.order.SqlCondition bought = orders.purchasesMatch(
                    new io.liuliang.order.PurchaseFilter(shop, null, null, null, null));
            where.append(" AND (EXISTS (SELECT 1 FROM customer_identity s WHERE s.customer_id = c.id AND s.scope_id = ?) OR ")
                    .append(bought.sql()).append(")");
            params.add(filter.shopId());
            params.addAll(bought.params());
        }
        io.liuliang.order.PurchaseFilter purchases = new io.liuliang.order.PurchaseFilter(shop, filter.minSpent(),
                filter.maxSpent(), filter.minOrders(), filter.maxOrders());
        if (purchases.bounded()) {
            io.liuliang.order.SqlCondition matching = orders.purchasesMatch(purchases);
            where.append(" AND ").append(matching.sql());
            params.addAll(matching.params());
        }
        long total = jdbc.sql("SELECT count(*) FROM customer c" + where).params(params).query(Long.class).single();

        List<Object> pageParams = new ArrayList<>(params);
        StringBuilder sql = new StringBuilder("SELECT c.*, (SELECT p.value_masked FROM customer_identity p WHERE "
                + "p.customer_id = c.id AND p.type = 'phone' AND NOT p.flagged ORDER BY p.last_seen_at DESC LIMIT 1) AS phone "
                + "FROM customer c").append(where);
        if (page.cursorKey() != null) {
            String[] parts = page.cursorKey().split("\\|", 2);
            if (parts.length != 2) {
                throw ApiProblemException.invalid("cursor", "is not a cursor returned by this API");
            }
            try {
                sql.append(" AND (c.first_seen_at, c.id) > (?, ?)");
                pageParams.add(Timestamp.from(Instant.parse(parts[0])));
                pageParams.add(UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw ApiProblemException.invalid("cursor", "is not a cursor returned by this API");
            }
        }
        sql.append(" ORDER BY c.first_seen_at, c.id LIMIT ?");
        pageParams.add(page.fetchSize());
        List<CustomerSummary> rows = jdbc.sql(sql.toString()).params(pageParams)
                .query((rs, n) -> new CustomerSummary(rs.getObject("id", UUID.class), rs.getString("display_name"),
                        rs.getString("province"), rs.getString("city"), rs.getString("phone"),
                        CustomerStore.instant(rs, "first_seen_at"), CustomerStore.instant(rs, "last_seen_at"),
                        rs.getString("source")))
                .list();
        io.liuliang.shared.CursorPage<CustomerSummary> cursorPage = io.liuliang.shared.CursorPage.of(rows, page.limit(),
                s -> PageRequest.encode(s.firstSeenAt() + "|" + s.id()));
        return new Page(cursorPage.items(), cursorPage.nextCursor(), total);
    }
}
