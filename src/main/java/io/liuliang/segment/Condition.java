package io.liuliang.segment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A segment or rule-tag condition: a tree of groups ({@code and}, {@code or}, {@code not} = none of the children)
 * over leaf rules. The same tree is compiled to SQL ({@link ConditionSql}) for batch work and evaluated in memory
 * ({@link ConditionEvaluator}) for event-driven checks. Parsed and validated from JSON by {@link ConditionParser}.
 */
public sealed interface Condition permits Condition.Group, Condition.FieldRule, Condition.OrderRule, Condition.EventRule {

    /** How a group combines its children. */
    enum Logic {
        AND("and"), OR("or"), NOT("not");

        private final String code;

        Logic(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A group: all children ({@code and}), any ({@code or}) or none of them ({@code not}). */
    record Group(Logic logic, List<Condition> children) implements Condition {
        public Group {
            children = List.copyOf(children);
        }
    }

    /** A comparison of one catalog field ({@link ConditionField}) with a value. */
    record FieldRule(String field, ConditionOperator op, Value value) implements Condition {
    }

    /** What an order rule measures over the matching orders. */
    enum OrderMeasure {
        COUNT("count"), AMOUNT("amount");

        private final String code;

        OrderMeasure(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * Order facts: the number (or paid amount) of the customer's non-cancelled orders — optionally only those in a
     * shop, containing a category or a SKU, placed within the last {@code withinDays} days — compared with a value.
     */
    record OrderRule(OrderMeasure measure, ConditionOperator op, Value value, UUID shopId, String category, String sku,
                     Integer withinDays) implements Condition {
    }

    /** A filter on one property of an event ({@code properties->>property}). */
    record PropertyFilter(String property, ConditionOperator op, Value value) {
    }

    /**
     * Behaviour: the customer did ({@code did}) at least {@code times} events of a type (with property filters) in
     * the last {@code withinDays} days — or did not (fewer than {@code times}).
     */
    record EventRule(String eventType, String customName, List<PropertyFilter> properties, boolean did, int times,
                     int withinDays) implements Condition {
        public EventRule {
            properties = List.copyOf(properties);
        }
    }

    /** The right-hand side of a comparison, typed by the field and operator. */
    sealed interface Value permits None, Text, Texts, Number, NumberRange, Day, DayRange, Days {
    }

    /** No value ({@code is_empty}, {@code is_not_empty}). */
    record None() implements Value {
    }

    record Text(String value) implements Value {
    }

    record Texts(List<String> values) implements Value {
        public Texts {
            values = List.copyOf(values);
        }
    }

    record Number(BigDecimal value) implements Value {
    }

    record NumberRange(BigDecimal from, BigDecimal to) implements Value {
    }

    /** A calendar day (in the merchant's time zone for timestamps). */
    record Day(LocalDate value) implements Value {
    }

    record DayRange(LocalDate from, LocalDate to) implements Value {
    }

    /** A number of days ({@code within_last_days}, {@code more_than_days_ago}). */
    record Days(int value) implements Value {
    }
}
