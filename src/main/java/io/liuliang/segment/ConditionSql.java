package io.liuliang.segment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Compiles a {@link Condition} to a parameterised SQL predicate over {@code customer c} (joined to
 * {@code customer_metrics m} and {@code customer_prediction p} when used). User values only ever travel as bind
 * parameters. Every leaf yields true or false, never NULL (a missing value fails every comparison but
 * {@code is_empty}), so {@code not} groups mean exactly what they say — and agree with {@link ConditionEvaluator}.
 * <p>
 * Times are relative to {@code asOf} (passed in, not {@code now()}), and calendar days are those of
 * {@link #ZONE}.
 */
public final class ConditionSql {

    /** The merchant's day boundaries. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String NIL_SCOPE = "00000000-0000-0000-0000-000000000000";
    /** Per source whose rows may be missing: its key column, NULL when the customer has no row. */
    private static final java.util.Map<ConditionField.Source, String> ROW_KEY = java.util.Map.of(
            ConditionField.Source.METRICS, "m.customer_id");

    /** How the predicate will be used: over all customers (set-based) or over a few (index look-ups per customer). */
    public enum Mode {
        BATCH, FEW
    }

    /** A compiled predicate, its parameters and the joins it needs. */
    public record Compiled(String where, List<Object> params, boolean metrics, boolean prediction) {

        public Compiled {
            params = List.copyOf(params);
        }

        /** The FROM clause with the joins the predicate needs. */
        public String from() {
            StringBuilder sb = new StringBuilder("customer c");
            if (metrics) {
                sb.append(" LEFT JOIN customer_metrics m ON m.customer_id = c.id");
            }
            if (prediction) {
                sb.append(" LEFT JOIN customer_prediction p ON p.customer_id = c.id AND p.scope_id = '")
                        .append(NIL_SCOPE).append("'::uuid");
            }
            return sb.toString();
        }

        /** {@code FROM ... WHERE <live customer> AND (<predicate>)}. */
        public String fromWhere() {
            return " FROM " + from() + " WHERE c.merged_into IS NULL AND (" + where + ")";
        }
    }

    private final Instant asOf;
    private final Mode mode;
    private final List<Object> params = new ArrayList<>();
    private boolean metrics;
    private boolean prediction;

    private ConditionSql(Instant asOf, Mode mode) {
        this.asOf = asOf;
        this.mode = mode;
    }

    public static Compiled compile(Condition condition, Instant asOf, Mode mode) {
        ConditionSql sql = new ConditionSql(asOf, mode);
        String where = sql.node(condition);
        return new Compiled(where, sql.params, sql.metrics, sql.prediction);
    }

    /** The first instant of a calendar day. */
    static Instant dayStart(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }

    static Instant daysBefore(Instant asOf, int days) {
        return asOf.minus(days, ChronoUnit.DAYS);
    }

    private String node(Condition c) {
        if (c instanceof Condition.Group g) {
            List<String> parts = g.children().stream().map(this::node).toList();
            switch (g.logic()) {
                case AND:
                    return "(" + String.join(" AND ", parts) + ")";
                case OR:
                    return "(" + String.join(" OR ", parts) + ")";
                default:
                    return "NOT (" + String.join(" OR ", parts) + ")";
            }
        }
        if (c instanceof Condition.FieldRule f) {
            return field(f);
        }
        if (c instanceof Condition.OrderRule o) {
            return order(o);
        }
        return event((Condition.EventRule) c);
    }

    private String field(Condition.FieldRule rule) {
        ConditionField field = ConditionFields.byKey(rule.field()).orElseThrow();
        if (field.type() == ConditionField.Type.SET) {
            return set(field, rule);
        }
        if (field.source() == ConditionField.Source.METRICS) {
            metrics = true;
        } else if (field.source() == ConditionField.Source.PREDICTION) {
            prediction = true;
        }
        String x = field.sql();
        switch (rule.op()) {
            case IS_EMPTY:
                return field.type() == ConditionField.Type.TEXT ? "(" + x + " IS NULL OR " + x + " = '')" : "(" + x + " IS NULL)";
            case IS_NOT_EMPTY:
                return field.type() == ConditionField.Type.TEXT ? "(" + x + " IS NOT NULL AND " + x + " <> '')"
                        : "(" + x + " IS NOT NULL)";
            default:
                break;
        }
        if (field.absent() != null) {
            return absent(field, rule);
        }
        String comparison = comparison(x, field.type(), rule.op(), rule.value());
        return field.nullable() ? "(" + x + " IS NOT NULL AND " + comparison + ")" : "(" + comparison + ")";
    }

    /**
     * A comparison of {@code coalesce(column, default)} written over the NOT NULL column itself, so the planner
     * estimates it from the column's statistics (a coalesce gets a fixed guess, which leads it to nested loops over
     * a quarter of a million rows) and can turn the outer join into an inner one when the default fails: customers
     * without a row match exactly when the default does.
     */
    private String absent(ConditionField field, Condition.FieldRule rule) {
        ConditionField.Absent absent = field.absent();
        String comparison = comparison(absent.column(), field.type(), rule.op(), rule.value());
        String key = ROW_KEY.get(field.source());
        if (key == null) {
            throw new IllegalArgumentException("no row key for " + field.source());
        }
        boolean defaultMatches = absent.value() instanceof Condition.Number n
                ? ConditionEvaluator.compare(n.value(), rule.op(), rule.value())
                : ConditionEvaluator.text(((Condition.Text) absent.value()).value(), rule.op(), rule.value());
        return defaultMatches ? "(" + key + " IS NULL OR " + comparison + ")"
                : "(" + key + " IS NOT NULL AND " + comparison + ")";
    }

    private String comparison(String x, ConditionField.Type type, ConditionOperator op, Condition.Value value) {
        if (type == ConditionField.Type.TIMESTAMP) {
            return timestamp(x, op, value);
        }
        switch (op) {
            case EQ:
                return x + " = " + bind(value);
            case NEQ:
                return x + " <> " + bind(value);
            case LT:
            case BEFORE:
                return x + " < " + bind(value);
            case LTE:
                return x + " <= " + bind(value);
            case GT:
            case AFTER:
                return x + " > " + bind(value);
            case GTE:
                return x + " >= " + bind(value);
            case BETWEEN:
                if (value instanceof Condition.NumberRange r) {
                    return x + " BETWEEN " + param(r.from()) + " AND " + param(r.to());
                }
                Condition.DayRange d = (Condition.DayRange) value;
                return x + " BETWEEN " + param(d.from()) + " AND " + param(d.to());
            case IN:
                return x + " = ANY (" + param(((Condition.Texts) value).values().toArray(String[]::new)) + ")";
            case NOT_IN:
                return x + " <> ALL (" + param(((Condition.Texts) value).values().toArray(String[]::new)) + ")";
            case CONTAINS:
                return "strpos(" + x + ", " + bind(value) + ") > 0";
            case NOT_CONTAINS:
                return "strpos(" + x + ", " + bind(value) + ") = 0";
            case STARTS_WITH:
                return "starts_with(" + x + ", " + bind(value) + ")";
            default:
                throw new IllegalArgumentException("operator " + op + " on " + type);
        }
    }

    private String timestamp(String x, ConditionOperator op, Condition.Value value) {
        switch (op) {
            case BEFORE:
                return x + " < " + param(dayStart(((Condition.Day) value).value()));
            case AFTER:
                return x + " >= " + param(dayStart(((Condition.Day) value).value().plusDays(1)));
            case BETWEEN:
                Condition.DayRange r = (Condition.DayRange) value;
                return x + " >= " + param(dayStart(r.from())) + " AND " + x + " < " + param(dayStart(r.to().plusDays(1)));
            case WITHIN_LAST_DAYS:
                return x + " >= " + param(daysBefore(asOf, ((Condition.Days) value).value()));
            case MORE_THAN_DAYS_AGO:
                return x + " < " + param(daysBefore(asOf, ((Condition.Days) value).value()));
            default:
                throw new IllegalArgumentException("operator " + op + " on a timestamp");
        }
    }

    private String set(ConditionField field, Condition.FieldRule rule) {
        String ref = ((Condition.Text) rule.value()).value();
        String exists;
        switch (field.source()) {
            case IDENTITY:
                exists = "EXISTS (SELECT 1 FROM customer_identity ci WHERE ci.customer_id = c.id AND ci.type = " + param(ref) + ")";
                break;
            case TAG:
                exists = "EXISTS (SELECT 1 FROM customer_tag ct WHERE ct.tag_id = " + param(UUID.fromString(ref))
                        + " AND ct.customer_id = c.id)";
                break;
            default:
                exists = "EXISTS (SELECT 1 FROM segment_member sm WHERE sm.segment_id = " + param(UUID.fromString(ref))
                        + " AND sm.customer_id = c.id)";
                break;
        }
        return rule.op() == ConditionOperator.INCLUDES ? exists : "NOT " + exists;
    }

    private String order(Condition.OrderRule rule) {
        if (mode == Mode.BATCH && rule.sku() == null) {
            String facts = purchaseFacts(rule);
            if (facts != null) {
                return facts;
            }
        }
        StringBuilder base = new StringBuilder("o.status <> 'cancelled'");
        if (rule.withinDays() != null) {
            base.append(" AND o.ordered_at >= ").append(param(daysBefore(asOf, rule.withinDays())));
        }
        if (rule.shopId() != null) {
            base.append(" AND o.shop_id = ").append(param(rule.shopId()));
        }
        if (rule.category() != null || rule.sku() != null) {
            base.append(" AND EXISTS (SELECT 1 FROM order_item i WHERE i.order_id = o.id");
            if (rule.category() != null) {
                base.append(" AND i.category = ").append(param(rule.category()));
            }
            if (rule.sku() != null) {
                base.append(" AND i.sku = ").append(param(rule.sku()));
            }
            base.append(")");
        }
        String aggregate = rule.measure() == Condition.OrderMeasure.COUNT ? "count(*)"
                : "coalesce(sum(coalesce(o.paid_amount, 0) - o.refunded_amount), 0)";
        return aggregateRule("sales_order o", "o.customer_id", base.toString(), aggregate, rule.op(), rule.value(),
                rule.measure() == Condition.OrderMeasure.COUNT);
    }

    /**
     * An order rule without a SKU over {@code customer_purchase_fact} (a few rows per customer), or null when the
     * facts cannot answer it: they hold each customer's last order time, so within a window they tell "at least one"
     * and "none" only. Same results as the rule over the orders.
     */
    private String purchaseFacts(Condition.OrderRule rule) {
        Presence presence = rule.measure() == Condition.OrderMeasure.COUNT ? presence(rule.op(), rule.value()) : null;
        if (rule.withinDays() != null && presence == null) {
            return null;
        }
        StringBuilder filter = new StringBuilder(rule.category() == null ? "f.category IS NULL"
                : "f.category = " + param(rule.category()));
        if (rule.shopId() != null) {
            filter.append(" AND f.shop_id = ").append(param(rule.shopId()));
        }
        if (rule.withinDays() != null) {
            filter.append(" AND f.last_ordered_at >= ").append(param(daysBefore(asOf, rule.withinDays())));
        }
        String table = PurchaseFacts.TABLE + " f";
        if (presence == Presence.SOME) {
            return "EXISTS (SELECT 1 FROM " + table + " WHERE f.customer_id = c.id AND " + filter + ")";
        }
        if (presence == Presence.NONE) {
            return "NOT EXISTS (SELECT 1 FROM " + table + " WHERE f.customer_id = c.id AND " + filter + ")";
        }
        String aggregate = rule.measure() == Condition.OrderMeasure.COUNT ? "sum(f.orders)" : "sum(f.amount)";
        return grouped(table, "f.customer_id", filter.toString(), aggregate, rule.op(), rule.value());
    }

    /** Whether a count threshold means "at least one" or "none" (else null). */
    private static Presence presence(ConditionOperator op, Condition.Value value) {
        if (!(value instanceof Condition.Number n)) {
            return null;
        }
        BigDecimal v = n.value();
        if ((op == ConditionOperator.GTE && v.compareTo(BigDecimal.ONE) == 0)
                || (op == ConditionOperator.GT && v.signum() == 0)) {
            return Presence.SOME;
        }
        if ((op == ConditionOperator.LT && v.compareTo(BigDecimal.ONE) == 0)
                || ((op == ConditionOperator.LTE || op == ConditionOperator.EQ) && v.signum() == 0)) {
            return Presence.NONE;
        }
        return null;
    }

    private enum Presence {
        SOME, NONE
    }

    private String event(Condition.EventRule rule) {
        StringBuilder base = new StringBuilder("e.type = ").append(param(rule.eventType()))
                .append(" AND e.occurred_at >= ").append(param(daysBefore(asOf, rule.withinDays())));
        if (rule.customName() != null) {
            base.append(" AND e.custom_name = ").append(param(rule.customName()));
        }
        for (Condition.PropertyFilter f : rule.properties()) {
            base.append(" AND ").append(property(f));
        }
        Condition.Value threshold = new Condition.Number(BigDecimal.valueOf(rule.times()));
        return aggregateRule("behaviour_event e", "e.customer_id", base.toString(), "count(*)",
                rule.did() ? ConditionOperator.GTE : ConditionOperator.LT, threshold, true);
    }

    private String property(Condition.PropertyFilter f) {
        switch (f.op()) {
            case EQ:
                return "e.properties ->> " + param(f.property()) + "::text = " + bind(f.value());
            case NEQ:
                return "e.properties ->> " + param(f.property()) + "::text <> " + bind(f.value());
            case CONTAINS:
                return "strpos(e.properties ->> " + param(f.property()) + "::text, " + bind(f.value()) + ") > 0";
            case IN:
                return "e.properties ->> " + param(f.property()) + "::text = ANY ("
                        + param(((Condition.Texts) f.value()).values().toArray(String[]::new)) + ")";
            default:
                String number = "(CASE WHEN jsonb_typeof(e.properties -> " + param(f.property())
                        + "::text) = 'number' THEN (e.properties ->> " + param(f.property()) + "::text)::numeric END)";
                return number + " " + symbol(f.op()) + " " + bind(f.value());
        }
    }

    /**
     * A comparison of an aggregate over a customer's rows with a value. "At least one" and "none" become
     * (NOT) EXISTS; other thresholds are a grouped semi-join over all customers in batch mode, or a correlated
     * aggregate per customer when only a few customers are checked.
     */
    private String aggregateRule(String table, String customerColumn, String base, String aggregate,
                                 ConditionOperator op, Condition.Value value, boolean counting) {
        String correlated = customerColumn + " = c.id AND " + base;
        Presence presence = counting ? presence(op, value) : null;
        if (presence == Presence.SOME) {
            return "EXISTS (SELECT 1 FROM " + table + " WHERE " + correlated + ")";
        }
        if (presence == Presence.NONE) {
            return "NOT EXISTS (SELECT 1 FROM " + table + " WHERE " + correlated + ")";
        }
        if (mode == Mode.FEW) {
            return "((SELECT " + aggregate + " FROM " + table + " WHERE " + correlated + ") " + threshold(op, value) + ")";
        }
        return grouped(table, customerColumn, customerColumn + " IS NOT NULL AND " + base, aggregate, op, value);
    }

    /**
     * The customers whose aggregate over their rows of {@code table} passes the threshold, as one grouped semi-join
     * over all customers: those with rows that pass, or (when zero passes) all but those with rows that fail.
     */
    private String grouped(String table, String customerColumn, String where, String aggregate, ConditionOperator op,
                           Condition.Value value) {
        boolean zeroMatches = ConditionEvaluator.compare(BigDecimal.ZERO, op, value);
        String grouped = "SELECT " + customerColumn + " FROM " + table + " WHERE " + where + " GROUP BY " + customerColumn
                + " HAVING ";
        if (!zeroMatches) {
            return "c.id IN (" + grouped + aggregate + " " + threshold(op, value) + ")";
        }
        return "c.id NOT IN (" + grouped + "NOT (" + aggregate + " " + threshold(op, value) + "))";
    }

    private String threshold(ConditionOperator op, Condition.Value value) {
        if (value instanceof Condition.NumberRange r) {
            return "BETWEEN " + param(r.from()) + " AND " + param(r.to());
        }
        return symbol(op) + " " + bind(value);
    }

    private static String symbol(ConditionOperator op) {
        switch (op) {
            case EQ:
                return "=";
            case NEQ:
                return "<>";
            case LT:
                return "<";
            case LTE:
                return "<=";
            case GT:
                return ">";
            case GTE:
                return ">=";
            default:
                throw new IllegalArgumentException("not a comparison: " + op);
        }
    }

    private String bind(Condition.Value value) {
        if (value instanceof Condition.Text t) {
            return param(t.value());
        }
        if (value instanceof Condition.Number n) {
            return param(n.value());
        }
        if (value instanceof Condition.Day d) {
            return param(d.value());
        }
        throw new IllegalArgumentException("no single value: " + value);
    }

    private String param(Object value) {
        if (value instanceof Instant i) {
            params.add(OffsetDateTime.ofInstant(i, ZoneOffset.UTC));
        } else {
            params.add(value);
        }
        return "?";
    }
}
