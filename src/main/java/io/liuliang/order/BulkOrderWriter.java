package io.liuliang.order;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.shared.CopyRows;
import io.liuliang.shared.TimeOrderedIds;
import io.liuliang.shared.CustomerId;

/**
 * The set-based form of {@link OrderService#upsert}. A batch is first tried as all new, copied straight into the
 * orders; when one of its orders is stored already, the batch is copied into a temporary table instead, then
 * one statement each inserts the new ones, attributes identical guest orders to their buyer, and updates the orders
 * whose content hash changed; items are copied in, refunds added once. Runs in the caller's transaction.
 */
@Component
class BulkOrderWriter {

    private static final String STAGE_DDL = """
            CREATE TEMP TABLE IF NOT EXISTS order_upsert_stage (
                n int NOT NULL, id uuid NOT NULL, shop_id uuid NOT NULL, external_id text NOT NULL, customer_id uuid,
                origin_customer_id uuid, status text NOT NULL, currency char(3) NOT NULL, item_total numeric(18, 4) NOT NULL,
                discount numeric(18, 2) NOT NULL, shipping numeric(18, 2) NOT NULL, paid_amount numeric(18, 2),
                ordered_at timestamptz NOT NULL, paid_at timestamptz, shipped_at timestamptz, delivered_at timestamptz,
                completed_at timestamptz, cancelled_at timestamptz, buyer_remark text, receiver_name_enc bytea,
                receiver_phone_enc bytea, receiver_address_enc bytea, receiver_masked text, receiver_province text,
                receiver_city text, source text NOT NULL, content_hash bytea NOT NULL) ON COMMIT DROP""";
    private static final String COLUMNS = "id, shop_id, external_id, customer_id, origin_customer_id, status, currency, "
            + "item_total, discount, shipping, paid_amount, ordered_at, paid_at, shipped_at, delivered_at, completed_at, "
            + "cancelled_at, buyer_remark, receiver_name_enc, receiver_phone_enc, receiver_address_enc, receiver_masked, "
            + "receiver_province, receiver_city, source, content_hash";
    private static final String INSERT_NEW = "INSERT INTO sales_order (" + COLUMNS + ") SELECT " + COLUMNS
            + " FROM order_upsert_stage ORDER BY n ON CONFLICT (shop_id, external_id) DO NOTHING RETURNING id";
    private static final String EXISTING = " FROM order_upsert_stage s WHERE o.shop_id = s.shop_id "
            + "AND o.external_id = s.external_id AND o.id <> s.id";
    /** An identical order that was a guest's and now names its buyer: attributed, nothing else changes. */
    private static final String CLAIM = "UPDATE sales_order o SET customer_id = s.customer_id, "
            + "origin_customer_id = s.origin_customer_id, updated_at = now()" + EXISTING
            + " AND o.content_hash = s.content_hash AND o.customer_id IS NULL AND s.customer_id IS NOT NULL "
            + "RETURNING s.n, o.id, o.customer_id";
    private static final String CHANGE = """
            UPDATE sales_order o SET customer_id = coalesce(s.customer_id, o.customer_id),
                origin_customer_id = coalesce(o.origin_customer_id, s.origin_customer_id), status = s.status,
                currency = s.currency, item_total = s.item_total, discount = s.discount, shipping = s.shipping,
                paid_amount = s.paid_amount, ordered_at = s.ordered_at, paid_at = s.paid_at, shipped_at = s.shipped_at,
                delivered_at = s.delivered_at, completed_at = s.completed_at, cancelled_at = s.cancelled_at,
                buyer_remark = s.buyer_remark, receiver_name_enc = coalesce(s.receiver_name_enc, o.receiver_name_enc),
                receiver_phone_enc = coalesce(s.receiver_phone_enc, o.receiver_phone_enc),
                receiver_address_enc = coalesce(s.receiver_address_enc, o.receiver_address_enc),
                receiver_masked = coalesce(s.receiver_masked, o.receiver_masked),
                receiver_province = coalesce(s.receiver_province, o.receiver_province),
                receiver_city = coalesce(s.receiver_city, o.receiver_city), content_hash = s.content_hash,
                updated_at = now()""" + EXISTING + " AND o.content_hash IS DISTINCT FROM s.content_hash "
            + "RETURNING s.n, o.id, o.customer_id";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BulkOrderWriter.class);
    /** PostgreSQL's SQLSTATE for a duplicate key. */
    private static final String UNIQUE_VIOLATION = "23505";
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    BulkOrderWriter(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** An order ready to write: validated, with its new id (used if it is created), currency, hash and item total. */
    record Prepared(int n, UUID id, OrderUpsert order, String currency, byte[] hash, BigDecimal itemTotal) {

        String key() {
            return order.shopId().value() + "|" + order.externalId().strip();
        }
    }

    /**
     * Writes orders whose keys are all distinct; fills {@code results} at their {@code n} and adds the customers whose
     * orders changed to {@code changed}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void write(List<Prepared> orders, UpsertResult[] results, Set<CustomerId> changed) {
        if (orders.isEmpty() || insertedAsNew(orders, results, changed)) {
            return;
        }
        Map<Integer, Prepared> byN = new HashMap<>(orders.size() * 2);
        Map<UUID, Prepared> byNewId = new HashMap<>(orders.size() * 2);
        for (Prepared p : orders) {
            byN.put(p.n(), p);
            byNewId.put(p.id(), p);
        }
        jdbc.execute(STAGE_DDL);
        jdbc.execute("TRUNCATE order_upsert_stage");
        copy("COPY order_upsert_stage (n, " + COLUMNS + ") FROM STDIN", out -> orderRows(orders, true, out));
        // the statements below join the staged orders to the stored ones: the planner needs their statistics
        jdbc.execute("ANALYZE order_upsert_stage");

        List<Prepared> withItems = new ArrayList<>();
        Map<Integer, UUID> targets = new HashMap<>();
        Set<UUID> created = new java.util.HashSet<>();
        for (UUID id : jdbc.queryForList(INSERT_NEW, UUID.class)) {
            Prepared p = byNewId.get(id);
            results[p.n()] = new UpsertResult(id, UpsertResult.Outcome.CREATED, 0);
            withItems.add(p);
            targets.put(p.n(), id);
            created.add(id);
            if (p.order().customerId() != null) {
                changed.add(p.order().customerId());
            }
        }
        jdbc.query(CLAIM, rs -> {
            Prepared p = byN.get(rs.getInt(1));
            UUID id = rs.getObject(2, UUID.class);
            results[p.n()] = new UpsertResult(id, UpsertResult.Outcome.UPDATED, 0);
            changed.add(new CustomerId(rs.getObject(3, UUID.class)));
        });
        List<UUID> replaced = new ArrayList<>();
        jdbc.query(CHANGE, rs -> {
            Prepared p = byN.get(rs.getInt(1));
            UUID id = rs.getObject(2, UUID.class);
            UUID customer = rs.getObject(3, UUID.class);
            results[p.n()] = new UpsertResult(id, UpsertResult.Outcome.UPDATED, 0);
            withItems.add(p);
            targets.put(p.n(), id);
            replaced.add(id);
            if (customer != null) {
                changed.add(new CustomerId(customer));
            }
        });
        if (!replaced.isEmpty()) {
            jdbc.update("DELETE FROM order_item WHERE order_id = ANY (?::uuid[])", uuidArray(replaced));
        }
        writeItemsAndRefunds(withItems, targets, created, results);
        List<Integer> unchanged = new ArrayList<>();
        for (Prepared p : orders) {
            if (results[p.n()] == null) {
                unchanged.add(p.n());
            }
        }
        if (!unchanged.isEmpty()) {
            // joined to the numbers (a hash join), not filtered by "n = ANY": that compared every staged order with
            // every unchanged one, seconds for a batch of a re-imported file
            jdbc.query("SELECT s.n, o.id FROM unnest(?::int[]) AS u (n) JOIN order_upsert_stage s ON s.n = u.n "
                    + "JOIN sales_order o ON o.shop_id = s.shop_id AND o.external_id = s.external_id", rs -> {
                results[rs.getInt(1)] = new UpsertResult(rs.getObject(2, UUID.class), UpsertResult.Outcome.UNCHANGED, 0);
            }, "{" + String.join(",", unchanged.stream().map(String::valueOf).toList()) + "}");
        }
    }

    private void writeItemsAndRefunds(List<Prepared> withItems, Map<Integer, UUID> targets, Set<UUID> created,
                                      UpsertResult[] results) {
        copy("COPY order_item (order_id, line_no, sku, product_id, product_name, category, quantity, unit_price, amount) "
                + "FROM STDIN", out -> itemRows(withItems, targets, out));
        addRefunds(withItems, targets, created, results);
    }

    /**
     * The first try for a batch: every order new (a first import of these orders), copied straight into
     * {@code sales_order} under a savepoint. One that exists already stops the COPY at once with a unique violation:
     * the savepoint is rolled back (nothing of the try remains) and the batch goes the staged way, which compares
     * each order with the stored one. Returns whether the batch was stored.
     */
    private boolean insertedAsNew(List<Prepared> orders, UpsertResult[] results, Set<CustomerId> changed) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Savepoint savepoint = connection.setSavepoint();
            try {
                copy("COPY sales_order (" + COLUMNS + ") FROM STDIN", out -> orderRows(orders, false, out));
            } catch (IllegalStateException e) {
                if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    connection.rollback(savepoint);
                    log.debug("A batch of {} orders holds stored ones: compared order by order", orders.size());
                    return false;
                }
                throw e;
            }
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("could not store a batch of new orders: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        Map<Integer, UUID> targets = new HashMap<>(orders.size() * 2);
        Set<UUID> created = new java.util.HashSet<>(orders.size() * 2);
        for (Prepared p : orders) {
            results[p.n()] = new UpsertResult(p.id(), UpsertResult.Outcome.CREATED, 0);
            targets.put(p.n(), p.id());
            created.add(p.id());
            if (p.order().customerId() != null) {
                changed.add(p.order().customerId());
            }
        }
        writeItemsAndRefunds(orders, targets, created, results);
        return true;
    }

    /**
     * Adds the refunds not seen before, gives those named again with another amount their new amount, and keeps
     * {@code refunded_amount} their sum, as the single upsert does. The refunds of orders created in this batch are
     * all new (the first of an order's refunds with the same id counts, as with the single upsert) and go in by COPY.
     */
    private void addRefunds(List<Prepared> orders, Map<Integer, UUID> targets, Set<UUID> created, UpsertResult[] results) {
        List<Object[]> fresh = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> amounts = new ArrayList<>();
        List<Prepared> owners = new ArrayList<>();
        List<UUID> touched = new ArrayList<>();
        for (Prepared p : orders) {
            List<OrderUpsert.Refund> refunds = p.order().refunds() == null ? List.of() : p.order().refunds();
            UUID orderId = targets.get(p.n());
            if (!refunds.isEmpty()) {
                touched.add(orderId);
            }
            boolean isNew = created.contains(orderId);
            Set<String> ids = new java.util.HashSet<>();
            for (OrderUpsert.Refund r : refunds) {
                Object[] row = {TimeOrderedIds.next(), orderId, r.externalId().strip(), OrderService.money(r.amount()),
                        r.reason(), java.sql.Timestamp.from(r.refundedAt())};
                if (isNew) {
                    if (ids.add(r.externalId().strip())) {
                        fresh.add(row);
                        count(results, p);
                    }
                    continue;
                }
                rows.add(row);
                amounts.add(new Object[] {OrderService.money(r.amount()), r.reason(), orderId, r.externalId().strip(),
                        OrderService.money(r.amount())});
                owners.add(p);
            }
        }
        if (touched.isEmpty()) {
            return;
        }
        if (!fresh.isEmpty()) {
            copy("COPY refund (id, order_id, external_id, amount, reason, refunded_at) FROM STDIN", out -> {
                for (Object[] row : fresh) {
                    out.row(row);
                }
            });
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(OrderService.REFUND_AMOUNT_CHANGED, amounts);
            int[] counts = jdbc.batchUpdate("INSERT INTO refund (id, order_id, external_id, amount, reason, refunded_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (order_id, external_id) DO NOTHING", rows);
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    count(results, owners.get(i));
                }
            }
        }
        jdbc.update("UPDATE sales_order o SET refunded_amount = r.total FROM (SELECT order_id, sum(amount) AS total "
                + "FROM refund WHERE order_id = ANY (?::uuid[]) GROUP BY order_id) r WHERE o.id = r.order_id", uuidArray(touched));
    }

    private static void count(UpsertResult[] results, Prepared p) {
        UpsertResult r = results[p.n()];
        results[p.n()] = new UpsertResult(r.orderId(), r.outcome(), r.refundsCreated() + 1);
    }

    private static String uuidArray(List<UUID> ids) {
        StringBuilder sb = new StringBuilder(ids.size() * 37 + 2).append('{');
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(ids.get(i));
        }
        return sb.append('}').toString();
    }

    private static void orderRows(List<Prepared> orders, boolean numbered, CopyRows out) throws SQLException {
        for (Prepared p : orders) {
            OrderUpsert o = p.order();
            OrderUpsert.EncryptedReceiver r = o.receiver();
            Object[] row = {p.n(), p.id(), o.shopId().value(), o.externalId().strip(), uuid(o.customerId()),
                    uuid(o.originCustomerId()), o.status().code(), p.currency(), p.itemTotal(),
                    OrderService.money(o.discount()), OrderService.money(o.shipping()), o.paidAmount(), o.orderedAt(),
                    o.paidAt(), o.shippedAt(), o.deliveredAt(), o.completedAt(), o.cancelledAt(), o.buyerRemark(),
                    r == null ? null : r.name(), r == null ? null : r.phone(), r == null ? null : r.address(),
                    r == null ? null : r.masked(), r == null ? null : r.province(), r == null ? null : r.city(), o.source(),
                    p.hash()};
            // the staging table numbers the orders of the batch; sales_order has no such column
            out.row(numbered ? row : java.util.Arrays.copyOfRange(row, 1, row.length));
        }
    }

    private static void itemRows(List<Prepared> orders, Map<Integer, UUID> targets, CopyRows out) throws SQLException {
        for (Prepared p : orders) {
            UUID orderId = targets.get(p.n());
            int lineNo = 1;
            for (OrderUpsert.Line line : p.order().items() == null ? List.<OrderUpsert.Line>of() : p.order().items()) {
                out.row(orderId, lineNo++, line.sku(), line.productId(), line.productName(), line.category(),
                        line.quantity(), line.unitPrice(), OrderService.amount(line));
            }
        }
    }

    private void copy(String sql, CopyRows.Writer rows) {
        CopyRows.copy(dataSource, sql, rows);
    }

    private static UUID uuid(CustomerId id) {
        return id == null ? null : id.value();
    }
}
