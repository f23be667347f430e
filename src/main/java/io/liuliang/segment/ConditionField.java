package io.liuliang.segment;

import java.util.List;
import java.util.Set;

/**
 * One field of the condition catalog.
 *
 * @param key        stable key used in condition JSON ({@code net_spent})
 * @param group      where the builder lists it (profile, identity, metrics, rfm, lifecycle, prediction, tags, segments)
 * @param type       decides the operators and value inputs
 * @param source     the table the value comes from
 * @param sql        the SQL expression over {@code c} (customer), {@code m} (customer_metrics) or {@code p}
 *                   (customer_prediction); not used for {@link Type#SET} fields
 * @param nullable   whether the value may be missing (then only {@code is_empty} matches it)
 * @param options    the allowed values of an {@link Type#ENUM} field
 * @param absent     for a value that is never missing only because a default stands in for a customer without a
 *                   row in its table ({@code coalesce(m.net_spent, 0)}): the bare column and the default, so the
 *                   compiled SQL can compare the column itself (which the planner has statistics for); else null
 */
public record ConditionField(String key, String group, Type type, Source source, String sql, boolean nullable,
                             List<String> options, Absent absent) {

    public ConditionField {
        options = List.copyOf(options);
    }

    public ConditionField(String key, String group, Type type, Source source, String sql, boolean nullable,
                          List<String> options) {
        this(key, group, type, source, sql, nullable, options, null);
    }

    /**
     * A NOT NULL column standing for {@code coalesce(column, value)}: {@code value} is what a customer without a row
     * has.
     */
    public record Absent(String column, Condition.Value value) {
    }

    /** The kind of value a field holds. */
    public enum Type {
        TEXT("text", Set.of(ConditionOperator.EQ, ConditionOperator.NEQ, ConditionOperator.IN, ConditionOperator.NOT_IN,
                ConditionOperator.CONTAINS, ConditionOperator.NOT_CONTAINS, ConditionOperator.STARTS_WITH,
                ConditionOperator.IS_EMPTY, ConditionOperator.IS_NOT_EMPTY)),
        NUMBER("number", Set.of(ConditionOperator.EQ, ConditionOperator.NEQ, ConditionOperator.LT, ConditionOperator.LTE,
                ConditionOperator.GT, ConditionOperator.GTE, ConditionOperator.BETWEEN, ConditionOperator.IS_EMPTY,
                ConditionOperator.IS_NOT_EMPTY)),
        DATE("date", Set.of(ConditionOperator.EQ, ConditionOperator.BEFORE, ConditionOperator.AFTER,
                ConditionOperator.BETWEEN, ConditionOperator.IS_EMPTY, ConditionOperator.IS_NOT_EMPTY)),
        TIMESTAMP("timestamp", Set.of(ConditionOperator.BEFORE, ConditionOperator.AFTER, ConditionOperator.BETWEEN,
                ConditionOperator.WITHIN_LAST_DAYS, ConditionOperator.MORE_THAN_DAYS_AGO, ConditionOperator.IS_EMPTY,
                ConditionOperator.IS_NOT_EMPTY)),
        ENUM("enum", Set.of(ConditionOperator.EQ, ConditionOperator.NEQ, ConditionOperator.IN, ConditionOperator.NOT_IN,
                ConditionOperator.IS_EMPTY, ConditionOperator.IS_NOT_EMPTY)),
        SET("set", Set.of(ConditionOperator.INCLUDES, ConditionOperator.EXCLUDES));

        private final String code;
        private final Set<ConditionOperator> operators;

        Type(String code, Set<ConditionOperator> operators) {
            this.code = code;
            this.operators = operators;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return code;
        }

        public Set<ConditionOperator> operators() {
            return operators;
        }
    }

    /** Where a field's value is read from. */
    public enum Source {
        CUSTOMER, METRICS, PREDICTION, IDENTITY, TAG, SEGMENT
    }

    /** The operators this field accepts (emptiness tests only on nullable fields). */
    public List<ConditionOperator> operators() {
        return type.operators().stream()
                .filter(o -> nullable || type == Type.TEXT
                        || (o != ConditionOperator.IS_EMPTY && o != ConditionOperator.IS_NOT_EMPTY))
                .sorted()
                .toList();
    }
}
