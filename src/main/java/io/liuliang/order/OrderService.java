package io.liuliang.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.shared.TimeOrderedIds;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CustomerDataOwner;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.ShopId;

/**
 * Idempotent order upserts keyed by (shop, external id): an identical re-send is recognised by its content hash and
 * changes nothing; a later version (new status, refunds) updates the order, replaces its items and adds the refunds
 * not seen before. Also moves orders between customers for One-ID merges.
 */
@Service
class OrderService implements Orders, CustomerDataOwner {

    static final int MAX_EXTERNAL_ID = 200;
    static final int MAX_ITEMS = 10_000;
    private static final int MONEY_SCALE = 2;
    private static final char SEP = '\u001f';

    private final JdbcClient jdbc;
    private final ShopService shops;
    private final org.springframework.jdbc.core.JdbcTemplate batch;
    private final ApplicationEventPublisher publisher;
    /** A refund named again with another amount takes it (and a reason when one is given). */
    static final String REFUND_AMOUNT_CHANGED = "UPDATE refund SET amount = ?, reason = coalesce(?, reason) "
            + "WHERE order_id = ? AND external_id = ? AND amount <> ?";
    /** Customers per {@link OrdersChanged} of a caller's announcement: keeps each stored publication small. */
    private static final int ANNOUNCE_CHUNK = 10_000;
    private final BulkOrderWriter bulk;

    OrderService(JdbcClient jdbc, ShopService shops, org.springframework.jdbc.core.JdbcTemplate batch,
                 ApplicationEventPublisher publisher, BulkOrderWriter bulk) {
        this.jdbc = jdbc;
        this.bulk = bulk;
        this.batch = batch;
        this.shops = shops;
        this.publisher = publisher;
    }

    @Override
    @Transactional
    public UpsertResult upsert(OrderUpsert o) {
        UpsertResult result = write(o);
        if (result.outcome() != UpsertResult.Outcome.UNCHANGED && o.customerId() != null) {
            publisher.publishEvent(new OrdersChanged(java.util.Set.of(o.customerId())));
        }
        return result;
    }

    @Override
    @Transactional
    public BulkUpsertResult upsertAll(List<OrderUpsert> orders) {
        return upsertAll(orders, Announcement.PER_BATCH);
    }

    @Override
    @Transactional
    public void announceChanged(Collection<CustomerId> customers) {
        List<CustomerId> all = List.copyOf(customers);
        for (int from = 0; from < all.size(); from += ANNOUNCE_CHUNK) {
            publisher.publishEvent(new OrdersChanged(new java.util.HashSet<>(
                    all.subList(from, Math.min(all.size(), from + ANNOUNCE_CHUNK)))));
        }
    }

    @Override
    @Transactional
    public BulkUpsertResult upsertAll(List<OrderUpsert> orders, Announcement announcement) {
        UpsertResult[] results = new UpsertResult[orders.size()];
        java.util.Set<CustomerId> changed = new java.util.HashSet<>();
        Map<ShopId, Shop> shopCache = new HashMap<>();
        List<BulkOrderWriter.Prepared> pending = new ArrayList<>(orders.size());
        for (int n = 0; n < orders.size(); n++) {
            OrderUpsert o = orders.get(n);
            if (o == null) {
                throw ApiProblemException.invalid("orders[" + n + "]", "is empty");
            }
            if (o.shopId() == null) {
                throw ApiProblemException.invalid("orders[" + n + "].shopId", "is required");
            }
            Shop shop = shopCache.computeIfAbsent(o.shopId(), shops::get);
            String currency = validate(o, shop);
            List<OrderUpsert.Line> items = o.items() == null ? List.of() : o.items();
            BigDecimal itemTotal = items.stream().map(OrderService::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            pending.add(new BulkOrderWriter.Prepared(n, TimeOrderedIds.next(), o, currency, contentHash(o, currency), itemTotal));
        }
        // an order named more than once: each later version goes in a later round, so they apply in the order given
        while (!pending.isEmpty()) {
            java.util.Set<String> keys = new java.util.HashSet<>();
            List<BulkOrderWriter.Prepared> round = new ArrayList<>(pending.size());
            List<BulkOrderWriter.Prepared> later = new ArrayList<>();
            for (BulkOrderWriter.Prepared p : pending) {
                (keys.add(p.key()) ? round : later).add(p);
            }
            bulk.write(round, results, changed);
            pending = later;
        }
        long created = 0;
        long updated = 0;
        long unchanged = 0;
        long refunds = 0;
        for (UpsertResult r : results) {
            switch (r.outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
            refunds += r.refundsCreated();
        }
        if (!changed.isEmpty() && announcement == Announcement.PER_BATCH) {
            publisher.publishEvent(new OrdersChanged(changed));
        }
        return new BulkUpsertResult(List.of(results), created, updated, unchanged, refunds, changed);
    }

    private UpsertResult write(OrderUpsert o) {
        Shop shop = shops.get(o.shopId());
        String currency = validate(o, shop);
        byte[] hash = contentHash(o, currency);
        List<OrderUpsert.Line> items = o.items() == null ? List.of() : o.items();
        BigDecimal itemTotal = items.stream().map(OrderService::amount).reduce(BigDecimal.ZERO, BigDecimal::add);

        Optional<Existing> existing = lockExisting(o);
        if (existing.isEmpty()) {
            UUID id = TimeOrderedIds.next();
            int inserted = jdbc.sql("""
                            INSERT INTO sales_order (id, shop_id, external_id, customer_id, origin_customer_id, status, currency,
                                item_total, discount, shipping, paid_amount, ordered_at, paid_at, shipped_at, delivered_at,
                                completed_at, cancelled_at, buyer_remark, receiver_name_enc, receiver_phone_enc,
                                receiver_address_enc, receiver_masked, receiver_province, receiver_city, source, content_hash)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (shop_id, external_id) DO NOTHING""")
                    .params(id, o.shopId().value(), o.externalId().strip(), uuid(o.customerId()), uuid(o.originCustomerId()),
                            o.status().code(), currency, itemTotal, money(o.discount()), money(o.shipping()),
                            o.paidAmount(), ts(o.orderedAt()), ts(o.paidAt()), ts(o.shippedAt()), ts(o.deliveredAt()),
                            ts(o.completedAt()), ts(o.cancelledAt()), o.buyerRemark(), receiver(o).name(),
                            receiver(o).phone(), receiver(o).address(), receiver(o).masked(), receiver(o).province(),
                            receiver(o).city(), o.source(), hash)
                    .update();
            if (inserted == 1) {
                insertItems(id, items);
                int refunds = upsertRefunds(id, o.refunds());
                return new UpsertResult(id, UpsertResult.Outcome.CREATED, refunds);
            }
            existing = lockExisting(o);
        }
        Existing row = existing.orElseThrow();
        if (Arrays.equals(row.hash, hash)) {
            if (row.customerId == null && o.customerId() != null) {
                jdbc.sql("UPDATE sales_order SET customer_id = ?, origin_customer_id = ?, updated_at = now() WHERE id = ?")
                        .params(uuid(o.customerId()), uuid(o.originCustomerId()), row.id).update();
                return new UpsertResult(row.id, UpsertResult.Outcome.UPDATED, 0);
            }
            return new UpsertResult(row.id, UpsertResult.Outcome.UNCHANGED, 0);
        }
        jdbc.sql("""
                        UPDATE sales_order SET customer_id = coalesce(?, customer_id),
                            origin_customer_id = coalesce(origin_customer_id, ?), status = ?, currency = ?, item_total = ?,
                            discount = ?, shipping = ?, paid_amount = ?, ordered_at = ?, paid_at = ?, shipped_at = ?,
                            delivered_at = ?, completed_at = ?, cancelled_at = ?, buyer_remark = ?,
                            receiver_name_enc = coalesce(?, receiver_name_enc), receiver_phone_enc = coalesce(?, receiver_phone_enc),
                            receiver_address_enc = coalesce(?, receiver_address_enc),
                            receiver_masked = coalesce(?, receiver_masked), receiver_province = coalesce(?, receiver_province),
                            receiver_city = coalesce(?, receiver_city), content_hash = ?, updated_at = now()
                        WHERE id = ?""")
                .params(uuid(o.customerId()), uuid(o.originCustomerId()), o.status().code(), currency, itemTotal,
                        money(o.discount()), money(o.shipping()), o.paidAmount(), ts(o.orderedAt()), ts(o.paidAt()),
                        ts(o.shippedAt()), ts(o.deliveredAt()), ts(o.completedAt()), ts(o.cancelledAt()), o.buyerRemark(),
                        receiver(o).name(), receiver(o).phone(), receiver(o).address(), receiver(o).masked(),
                        receiver(o).province(), receiver(o).city(), hash, row.id)
                .update();
        jdbc.sql("DELETE FROM order_item WHERE order_id = ?").param(row.id).update();
        insertItems(row.id, items);
        int refunds = upsertRefunds(row.id, o.refunds());
        return new UpsertResult(row.id, UpsertResult.Outcome.UPDATED, refunds);
    }

    private record Existing(UUID id, byte[] hash, UUID customerId) {
    }

    private Optional<Existing> lockExisting(OrderUpsert o) {
        return jdbc.sql("SELECT id, content_hash, customer_id FROM sales_order WHERE shop_id = ? AND external_id = ? FOR UPDATE")
                .params(o.shopId().value(), o.externalId().strip())
                .query((rs, n) -> new Existing(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getObject(3, UUID.class)))
                .optional();
    }

    private void insertItems(UUID orderId, List<OrderUpsert.Line> items) {
        if (items.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(items.size());
        int lineNo = 1;
        for (OrderUpsert.Line line : items) {
            rows.add(new Object[] {orderId, lineNo++, line.sku(), line.productId(), line.productName(), line.category(),
                    line.quantity(), line.unitPrice(), amount(line)});
        }
        batch.batchUpdate("INSERT INTO order_item (order_id, line_no, sku, product_id, product_name, category, quantity, "
                + "unit_price, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    /**
     * Adds the refunds not seen before (returns how many) and gives a refund named again with another amount its new
     * amount (a platform export states an order's refunded total as it stands); keeps {@code refunded_amount} their sum.
     */
    private int upsertRefunds(UUID orderId, List<OrderUpsert.Refund> refunds) {
        if (refunds == null || refunds.isEmpty()) {
            return 0;
        }
        int created = 0;
        for (OrderUpsert.Refund r : refunds == null ? List.<OrderUpsert.Refund>of() : refunds) {
            jdbc.sql(REFUND_AMOUNT_CHANGED).params(money(r.amount()), r.reason(), orderId, r.externalId().strip(),
                    money(r.amount())).update();
            created += jdbc.sql("INSERT INTO refund (id, order_id, external_id, amount, reason, refunded_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (order_id, external_id) DO NOTHING")
                    .params(TimeOrderedIds.next(), orderId, r.externalId().strip(), money(r.amount()), r.reason(),
                            ts(r.refundedAt()))
                    .update();
        }
        jdbc.sql("UPDATE sales_order SET refunded_amount = (SELECT coalesce(sum(amount), 0) FROM refund WHERE order_id = ?) "
                + "WHERE id = ?").params(orderId, orderId).update();
        return created;
    }

    private static String validate(OrderUpsert o, Shop shop) {
        List<FieldError> errors = new ArrayList<>();
        if (o.externalId() == null || o.externalId().isBlank() || o.externalId().strip().length() > MAX_EXTERNAL_ID) {
            errors.add(new FieldError("externalId", "must be 1 to " + MAX_EXTERNAL_ID + " characters"));
        }
        if (o.status() == null) {
            errors.add(new FieldError("status", "is required"));
        }
        if (o.orderedAt() == null) {
            errors.add(new FieldError("orderedAt", "is required"));
        }
        String currency = o.currency() == null || o.currency().isBlank() ? shop.currency().getCurrencyCode()
                : o.currency().strip().toUpperCase(java.util.Locale.ROOT);
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("currency", "'" + o.currency() + "' is not an ISO 4217 currency code"));
        }
        List<OrderUpsert.Line> items = o.items() == null ? List.of() : o.items();
        if (items.size() > MAX_ITEMS) {
            errors.add(new FieldError("items", "at most " + MAX_ITEMS + " lines"));
        }
        for (int i = 0; i < items.size(); i++) {
            OrderUpsert.Line line = items.get(i);
            if (line == null) {
                errors.add(new FieldError("items[" + i + "]", "is empty"));
            } else if (line.unitPrice() == null) {
                errors.add(new FieldError("items[" + i + "].unitPrice", "is required"));
            }
        }
        List<OrderUpsert.Refund> refunds = o.refunds() == null ? List.of() : o.refunds();
        for (int i = 0; i < refunds.size(); i++) {
            OrderUpsert.Refund r = refunds.get(i);
            if (r == null || r.externalId() == null || r.externalId().isBlank()) {
                errors.add(new FieldError("refunds[" + i + "].externalId", "is required"));
            } else if (r.amount() == null || r.amount().signum() <= 0) {
                errors.add(new FieldError("refunds[" + i + "].amount", "must be positive"));
            } else if (r.refundedAt() == null) {
                errors.add(new FieldError("refunds[" + i + "].refundedAt", "is required"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        return currency;
    }

    static BigDecimal amount(OrderUpsert.Line line) {
        return line.amount() != null ? line.amount() : line.unitPrice().multiply(BigDecimal.valueOf(line.quantity()));
    }

    static BigDecimal money(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
    }

    private static OrderUpsert.EncryptedReceiver receiver(OrderUpsert o) {
        return o.receiver() == null ? new OrderUpsert.EncryptedReceiver(null, null, null, null, null, null) : o.receiver();
    }

    private static UUID uuid(CustomerId id) {
        return id == null ? null : id.value();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** A stable digest of everything the source said about the order (not of who it is attributed to). */
    static byte[] contentHash(OrderUpsert o, String currency) {
        StringBuilder sb = new StringBuilder();
        append(sb, o.status() == null ? null : o.status().code(), currency, plain(o.discount()), plain(o.shipping()),
                plain(o.paidAmount()), o.orderedAt(), o.paidAt(), o.shippedAt(), o.deliveredAt(), o.completedAt(),
                o.cancelledAt(), o.buyerRemark());
        if (o.receiver() != null) {
            append(sb, o.receiver().masked(), o.receiver().province(), o.receiver().city());
        }
        for (OrderUpsert.Line l : o.items() == null ? List.<OrderUpsert.Line>of() : o.items()) {
            append(sb, "L", l.sku(), l.productId(), l.productName(), l.category(), l.quantity(), plain(l.unitPrice()),
                    plain(l.amount()));
        }
        for (OrderUpsert.Refund r : o.refunds() == null ? List.<OrderUpsert.Refund>of() : o.refunds()) {
            append(sb, "R", r.externalId(), plain(r.amount()), r.reason(), r.refundedAt());
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    private static void append(StringBuilder sb, Object... values) {
        for (Object v : values) {
            sb.append(v == null ? "\u0000" : v.toString()).append(SEP);
        }
    }

    // ---- One-ID

    @Override
    public void reassign(CustomerId from, CustomerId to) {
        jdbc.sql("UPDATE sales_order SET customer_id = ? WHERE customer_id = ?").params(to.value(), from.value()).update();
    }

    @Override
    public void restore(Collection<CustomerId> origins, CustomerId from, CustomerId to) {
        jdbc.sql("UPDATE sales_order SET customer_id = ? WHERE customer_id = ? AND origin_customer_id = ANY (?::uuid[])")
                .params(to.value(), from.value(),
                        "{" + String.join(",", origins.stream().map(CustomerId::toString).toList()) + "}")
                .update();
    }

    // ---- reads

    /** Net spend of an order: what was paid (or item total − discount + shipping) minus refunds. */
    static final String NET_SPEND = "(coalesce(o.paid_amount, o.item_total - o.discount + o.shipping) - o.refunded_amount)";

    @Override
    public SqlCondition purchasesMatch(PurchaseFilter filter) {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        String shop = "";
        if (filter.shop() != null) {
            shop = " AND o.shop_id = ?";
            parts.add("EXISTS (SELECT 1 FROM sales_order o WHERE o.customer_id = c.id" + shop + ")");
            params.add(filter.shop().value());
        }
        String purchases = " FROM sales_order o WHERE o.customer_id = c.id AND o.status <> 'cancelled'" + shop + ")";
        bounded(parts, params, "(SELECT coalesce(sum(" + NET_SPEND + "), 0)" + purchases, filter.minSpent(),
                filter.maxSpent(), filter.shop());
        bounded(parts, params, "(SELECT count(*)" + purchases, filter.minOrders(), filter.maxOrders(), filter.shop());
        return new SqlCondition(parts.isEmpty() ? "TRUE" : String.join(" AND ", parts), params);
    }

    /** {@code measure} (a subquery naming the shop once when there is one) within the bounds given, if any. */
    private static void bounded(List<String> parts, List<Object> params, String measure, Object min, Object max,
                                ShopId shop) {
        if (min == null && max == null) {
            return;
        }
        if (shop != null) {
            params.add(shop.value());
        }
        if (min != null && max != null) {
            parts.add(measure + " BETWEEN ? AND ?");
            params.add(min);
            params.add(max);
        } else {
            parts.add(measure + (min != null ? " >= ?" : " <= ?"));
            params.add(min != null ? min : max);
        }
    }

    @Override
    public CustomerOrderSummary summaryOf(CustomerId customer) {
        List<Map<String, Object>> rows = jdbc.sql("SELECT o.shop_id, o.currency, count(*) AS orders, sum(" + NET_SPEND + ") AS spent, "
                        + "min(o.ordered_at) AS first_at, max(o.ordered_at) AS last_at FROM sales_order o "
                        + "WHERE o.customer_id = ? AND o.status <> 'cancelled' GROUP BY o.shop_id, o.currency")
                .param(customer.value()).query().listOfRows();
        if (rows.isEmpty()) {
            return new CustomerOrderSummary(0, BigDecimal.ZERO, BigDecimal.ZERO, null, null, null, List.of());
        }
        Map<String, Long> ordersByCurrency = new HashMap<>();
        rows.forEach(r -> ordersByCurrency.merge((String) r.get("currency"), ((Number) r.get("orders")).longValue(), Long::sum));
        String currency = ordersByCurrency.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        long count = 0;
        BigDecimal spent = BigDecimal.ZERO;
        Instant first = null;
        Instant last = null;
        List<CustomerOrderSummary.PerShop> perShop = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            long orders = ((Number) r.get("orders")).longValue();
            BigDecimal shopSpent = ((BigDecimal) r.get("spent")).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
            perShop.add(new CustomerOrderSummary.PerShop((UUID) r.get("shop_id"), (String) r.get("currency"), orders, shopSpent));
            Instant f = ((Timestamp) r.get("first_at")).toInstant();
            Instant l = ((Timestamp) r.get("last_at")).toInstant();
            first = first == null || f.isBefore(first) ? f : first;
            last = last == null || l.isAfter(last) ? l : last;
            if (currency.equals(r.get("currency"))) {
                count += orders;
                spent = spent.add(shopSpent);
            }
        }
        BigDecimal aov = count == 0 ? BigDecimal.ZERO : spent.divide(BigDecimal.valueOf(count), MONEY_SCALE, RoundingMode.HALF_UP);
        return new CustomerOrderSummary(count, spent, aov, currency, first, last, perShop);
    }

    @Override
    public List<SettledOrder> ordersOf(Collection<CustomerId> customers, Instant since) {
        if (customers.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT o.id, o.customer_id, o.shop_id, o.external_id, o.status, "
                        + "coalesce(o.paid_amount, o.item_total - o.discount + o.shipping) AS paid, o.refunded_amount, "
                        + "o.ordered_at, o.paid_at, o.completed_at FROM sales_order o "
                        + "WHERE o.customer_id = ANY (?::uuid[]) AND o.ordered_at >= ? ORDER BY o.ordered_at, o.id")
                .params(customers.stream().map(CustomerId::value).toArray(UUID[]::new),
                        java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC))
                .query((rs, n) -> new SettledOrder(rs.getObject(1, UUID.class), new CustomerId(rs.getObject(2, UUID.class)),
                        rs.getObject(3, UUID.class), rs.getString(4), OrderStatus.ofCode(rs.getString(5)),
                        rs.getBigDecimal(6).setScale(2, java.math.RoundingMode.HALF_UP), rs.getBigDecimal(7),
                        rs.getTimestamp(8).toInstant(), instantOrNull(rs.getTimestamp(9)),
                        instantOrNull(rs.getTimestamp(10))))
                .list();
    }

    @Override
    public List<OrderActivity> activityOf(Collection<CustomerId> customers, Instant since) {
        if (customers.isEmpty()) {
            return List.of();
        }
        java.time.OffsetDateTime from = java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC);
        UUID[] ids = customers.stream().map(CustomerId::value).toArray(UUID[]::new);
        String paid = "coalesce(o.paid_amount, o.item_total - o.discount + o.shipping)";
        return jdbc.sql("SELECT * FROM ("
                        + "SELECT o.customer_id, o.shop_id || ':' || o.external_id AS ref, o.shop_id || ':' || o.external_id AS act, "
                        + "'PLACED' AS kind, o.ordered_at AS at, " + paid + " AS amount, o.currency, "
                        + "NOT EXISTS (SELECT 1 FROM sales_order p WHERE p.customer_id = o.customer_id "
                        + "AND p.status <> 'cancelled' AND (p.ordered_at, p.id) < (o.ordered_at, o.id)) AS first "
                        + "FROM sales_order o WHERE o.customer_id = ANY (?::uuid[]) AND o.ordered_at >= ? AND o.created_at >= ? "
                        + "UNION ALL SELECT o.customer_id, o.shop_id || ':' || o.external_id, 'delivered:' || o.shop_id || ':' || o.external_id, "
                        + "'DELIVERED', coalesce(o.delivered_at, o.completed_at), " + paid + ", o.currency, false "
                        + "FROM sales_order o WHERE o.customer_id = ANY (?::uuid[]) "
                        + "AND coalesce(o.delivered_at, o.completed_at) >= ? AND o.updated_at >= ? "
                        + "UNION ALL SELECT o.customer_id, o.shop_id || ':' || o.external_id, 'refund:' || r.id, 'REFUNDED', "
                        + "r.refunded_at, r.amount, o.currency, false FROM refund r JOIN sales_order o ON o.id = r.order_id "
                        + "WHERE o.customer_id = ANY (?::uuid[]) AND r.refunded_at >= ? AND r.created_at >= ?"
                        + ") a ORDER BY at, act")
                .params(ids, from, from, ids, from, from, ids, from, from)
                .query((rs, n) -> new OrderActivity(new CustomerId(rs.getObject(1, UUID.class)), rs.getString(2),
                        rs.getString(3), OrderActivity.Kind.valueOf(rs.getString(4)), rs.getTimestamp(5).toInstant(),
                        rs.getBigDecimal(6).setScale(2, java.math.RoundingMode.HALF_UP), rs.getString(7).trim(),
                        rs.getBoolean(8)))
                .list();
    }

    private static Instant instantOrNull(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    @Override
    public Map<CustomerId, PurchaseTotals> purchasesBetween(Collection<CustomerId> customers, Instant from, Instant to) {
        Map<CustomerId, PurchaseTotals> totals = new HashMap<>();
        if (customers.isEmpty()) {
            return totals;
        }
        jdbc.sql("SELECT o.customer_id, count(*), coalesce(sum(" + NET_SPEND + "), 0) FROM sales_order o "
                        + "WHERE o.customer_id = ANY (?::uuid[]) AND o.status <> 'cancelled' AND o.ordered_at >= ? "
                        + "AND o.ordered_at < ? GROUP BY o.customer_id")
                .params(customers.stream().map(CustomerId::value).toArray(UUID[]::new),
                        java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC),
                        java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC))
                .query(rs -> {
                    totals.put(new CustomerId(rs.getObject(1, UUID.class)),
                            new PurchaseTotals(rs.getLong(2), rs.getBigDecimal(3)));
                });
        return totals;
    }

    @Override
    public Map<OrderKey, OrderStatus> statusesOf(Collection<OrderKey> orders) {
        if (orders.isEmpty()) {
            return Map.of();
        }
        UUID[] shops = orders.stream().map(o -> o.shop().value()).toArray(UUID[]::new);
        String[] ids = orders.stream().map(OrderKey::externalId).toArray(String[]::new);
        Map<OrderKey, OrderStatus> statuses = new java.util.HashMap<>();
        jdbc.sql("SELECT o.shop_id, o.external_id, o.status FROM sales_order o "
                        + "JOIN unnest(?::uuid[], ?::text[]) AS k(shop_id, external_id) "
                        + "ON o.shop_id = k.shop_id AND o.external_id = k.external_id")
                .params(shops, ids)
                .query(rs -> {
                    statuses.put(new OrderKey(new ShopId(rs.getObject(1, UUID.class)), rs.getString(2)),
                            OrderStatus.ofCode(rs.getString(3)));
                });
        return statuses;
    }

    /**
     * The customer's latest orders with their items in one query: the orders (by the customer index, newest first)
     * joined with their items, one row per item (or per order without items).
     */
    private static final String RECENT_WITH_ITEMS = """
            SELECT o.id, o.shop_id, o.external_id, o.status, o.ordered_at, o.currency, o.item_total, o.discount,
                   o.shipping, o.paid_amount, o.refunded_amount, o.receiver_masked,
                   i.line_no, i.sku, i.product_name, i.category, i.quantity, i.unit_price, i.amount
            FROM (SELECT * FROM sales_order WHERE customer_id = ? ORDER BY ordered_at DESC LIMIT ?) o
            LEFT JOIN order_item i ON i.order_id = o.id
            ORDER BY o.ordered_at DESC, o.id, i.line_no""";

    @Override
    public List<OrderView> recentOf(CustomerId customer, int limit) {
        Map<UUID, OrderView> orders = new java.util.LinkedHashMap<>();
        jdbc.sql(RECENT_WITH_ITEMS).params(customer.value(), limit).query(rs -> {
            UUID id = rs.getObject("id", UUID.class);
            OrderView order = orders.get(id);
            if (order == null) {
                order = order(rs, new ArrayList<>());
                orders.put(id, order);
            }
            if (rs.getObject("line_no") != null) {
                order.items().add(new OrderView.Item(rs.getString("sku"), rs.getString("product_name"),
                        rs.getString("category"), rs.getInt("quantity"), rs.getBigDecimal("unit_price"),
                        rs.getBigDecimal("amount")));
            }
        });
        return orders.values().stream().map(v -> new OrderView(v.id(), v.shopId(), v.externalId(), v.status(),
                v.orderedAt(), v.currency(), v.itemTotal(), v.discount(), v.shipping(), v.paidAmount(),
                v.refundedAmount(), v.receiverMasked(), List.copyOf(v.items()))).toList();
    }

    @Override
    public Map<CustomerId, String> lastProductsOf(java.util.Collection<CustomerId> customers) {
        Map<CustomerId, String> products = new HashMap<>();
        if (customers.isEmpty()) {
            return products;
        }
        jdbc.sql("""
                        SELECT c.id, (SELECT i.product_name FROM order_item i WHERE i.order_id = o.id ORDER BY i.line_no LIMIT 1)
                        FROM unnest(?::uuid[]) AS c(id)
                        CROSS JOIN LATERAL (SELECT id FROM sales_order WHERE customer_id = c.id
                                            ORDER BY ordered_at DESC LIMIT 1) o""")
                .param(customers.stream().map(CustomerId::value).distinct().toArray(UUID[]::new))
                .query(rs -> {
                    String name = rs.getString(2);
                    if (name != null) {
                        products.put(new CustomerId(rs.getObject(1, UUID.class)), name);
                    }
                });
        return products;
    }

    private static OrderView order(ResultSet rs, List<OrderView.Item> items) throws SQLException {
        return new OrderView(rs.getObject("id", UUID.class), rs.getObject("shop_id", UUID.class),
                rs.getString("external_id"), OrderStatus.ofCode(rs.getString("status")),
                rs.getTimestamp("ordered_at").toInstant(), rs.getString("currency"), rs.getBigDecimal("item_total"),
                rs.getBigDecimal("discount"), rs.getBigDecimal("shipping"), rs.getBigDecimal("paid_amount"),
                rs.getBigDecimal("refunded_amount"), rs.getString("receiver_masked"), items);
    }
}
