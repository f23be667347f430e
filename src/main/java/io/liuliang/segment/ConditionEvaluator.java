package io.liuliang.segment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Evaluates a {@link Condition} against one customer's {@link CustomerFacts} in memory, with exactly the semantics
 * of {@link ConditionSql}: a missing value fails every comparison but {@code is_empty}; {@code not} is "none of".
 */
final class ConditionEvaluator {

    private ConditionEvaluator() {
    }

    static boolean matches(Condition c, CustomerFacts facts, Instant asOf) {
        if (c instanceof Condition.Group g) {
            switch (g.logic()) {
                case AND:
                    return g.children().stream().allMatch(child -> matches(child, facts, asOf));
                case OR:
                    return g.children().stream().anyMatch(child -> matches(child, facts, asOf));
                default:
                    return g.children().stream().noneMatch(child -> matches(child, facts, asOf));
            }
        }
        if (c instanceof Condition.FieldRule f) {
            return field(f, facts, asOf);
        }
        if (c instanceof Condition.OrderRule o) {
            return order(o, facts, asOf);
        }
        return event((Condition.EventRule) c, facts, asOf);
    }

    private static boolean field(Condition.FieldRule rule, CustomerFacts facts, Instant asOf) {
        ConditionField field = ConditionFields.byKey(rule.field()).orElseThrow();
        if (field.type() == ConditionField.Type.SET) {
            String ref = ((Condition.Text) rule.value()).value();
            boolean held;
            switch (field.source()) {
                case IDENTITY:
                    held = facts.identityTypes().contains(ref);
                    break;
                case TAG:
                    held = facts.tags().contains(java.util.UUID.fromString(ref));
                    break;
                default:
                    held = facts.segments().contains(java.util.UUID.fromString(ref));
                    break;
            }
            return rule.op() == ConditionOperator.INCLUDES ? held : !held;
        }
        Object x = facts.values().get(field.key());
        boolean text = field.type() == ConditionField.Type.TEXT;
        if (rule.op() == ConditionOperator.IS_EMPTY) {
            return x == null || (text && x.toString().isEmpty());
        }
        if (rule.op() == ConditionOperator.IS_NOT_EMPTY) {
            return x != null && !(text && x.toString().isEmpty());
        }
        if (x == null) {
            return false;
        }
        if (x instanceof BigDecimal n) {
            return compare(n, rule.op(), rule.value());
        }
        if (x instanceof Instant t) {
            return timestamp(t, rule.op(), rule.value(), asOf);
        }
        if (x instanceof LocalDate d) {
            return date(d, rule.op(), rule.value());
        }
        return text(x.toString(), rule.op(), rule.value());
    }

    static boolean text(String x, ConditionOperator op, Condition.Value value) {
        switch (op) {
            case EQ:
                return x.equals(((Condition.Text) value).value());
            case NEQ:
                return !x.equals(((Condition.Text) value).value());
            case IN:
                return ((Condition.Texts) value).values().contains(x);
            case NOT_IN:
                return !((Condition.Texts) value).values().contains(x);
            case CONTAINS:
                return x.contains(((Condition.Text) value).value());
            case NOT_CONTAINS:
                return !x.contains(((Condition.Text) value).value());
            case STARTS_WITH:
                return x.startsWith(((Condition.Text) value).value());
            default:
                throw new IllegalArgumentException("operator " + op + " on text");
        }
    }

    /** A number compared with a value ({@code between} is inclusive). */
    static boolean compare(BigDecimal x, ConditionOperator op, Condition.Value value) {
        if (value instanceof Condition.NumberRange r) {
            return x.compareTo(r.from()) >= 0 && x.compareTo(r.to()) <= 0;
        }
        int c = x.compareTo(((Condition.Number) value).value());
        switch (op) {
            case EQ:
                return c == 0;
            case NEQ:
                return c != 0;
            case LT:
                return c < 0;
            case LTE:
                return c <= 0;
            case GT:
                return c > 0;
            case GTE:
                return c >= 0;
            default:
                throw new IllegalArgumentException("operator " + op + " on a number");
        }
    }

    private static boolean date(LocalDate x, ConditionOperator op, Condition.Value value) {
        switch (op) {
            case EQ:
                return x.equals(((Condition.Day) value).value());
            case BEFORE:
                return x.isBefore(((Condition.Day) value).value());
            case AFTER:
                return x.isAfter(((Condition.Day) value).value());
            case BETWEEN:
                Condition.DayRange r = (Condition.DayRange) value;
                return !x.isBefore(r.from()) && !x.isAfter(r.to());
            default:
                throw new IllegalArgumentException("operator " + op + " on a date");
        }
    }

    private static boolean timestamp(Instant x, ConditionOperator op, Condition.Value value, Instant asOf) {
        switch (op) {
            case BEFORE:
                return x.isBefore(ConditionSql.dayStart(((Condition.Day) value).value()));
            case AFTER:
                return !x.isBefore(ConditionSql.dayStart(((Condition.Day) value).value().plusDays(1)));
            case BETWEEN:
                Condition.DayRange r = (Condition.DayRange) value;
                return !x.isBefore(ConditionSql.dayStart(r.from())) && x.isBefore(ConditionSql.dayStart(r.to().plusDays(1)));
            case WITHIN_LAST_DAYS:
                return !x.isBefore(ConditionSql.daysBefore(asOf, ((Condition.Days) value).value()));
            case MORE_THAN_DAYS_AGO:
                return x.isBefore(ConditionSql.daysBefore(asOf, ((Condition.Days) value).value()));
            default:
                throw new IllegalArgumentException("operator " + op + " on a timestamp");
        }
    }

    private static boolean order(Condition.OrderRule rule, CustomerFacts facts, Instant asOf) {
        BigDecimal total = BigDecimal.ZERO;
        Instant since = rule.withinDays() == null ? null : ConditionSql.daysBefore(asOf, rule.withinDays());
        for (CustomerFacts.OrderFact o : facts.orders()) {
            if ("cancelled".equals(o.status()) || (since != null && o.orderedAt().isBefore(since))
                    || (rule.shopId() != null && !rule.shopId().equals(o.shopId()))) {
                continue;
            }
            if ((rule.category() != null || rule.sku() != null) && o.items().stream().noneMatch(i ->
                    (rule.category() == null || rule.category().equals(i.category()))
                            && (rule.sku() == null || rule.sku().equals(i.sku())))) {
                continue;
            }
            total = total.add(rule.measure() == Condition.OrderMeasure.COUNT ? BigDecimal.ONE
                    : (o.paidAmount() == null ? BigDecimal.ZERO : o.paidAmount()).subtract(o.refundedAmount()));
        }
        return compare(total, rule.op(), rule.value());
    }

    private static boolean event(Condition.EventRule rule, CustomerFacts facts, Instant asOf) {
        Instant since = ConditionSql.daysBefore(asOf, rule.withinDays());
        long count = facts.events().stream()
                .filter(e -> e.type().equals(rule.eventType()) && !e.occurredAt().isBefore(since)
                        && (rule.customName() == null || rule.customName().equals(e.customName()))
                        && rule.properties().stream().allMatch(p -> property(p, e)))
                .count();
        return rule.did() ? count >= rule.times() : count < rule.times();
    }

    private static boolean property(Condition.PropertyFilter f, CustomerFacts.EventFact e) {
        tools.jackson.databind.JsonNode v = e.properties() == null ? null : e.properties().get(f.property());
        if (v == null || v.isNull()) {
            return false;
        }
        switch (f.op()) {
            case EQ:
            case NEQ:
            case CONTAINS:
            case IN:
                String text = v.isValueNode() ? v.asString() : v.toString();
                return text(text, f.op(), f.value());
            default:
                return v.isNumber() && compare(v.decimalValue(), f.op(), f.value());
        }
    }
}
