package io.liuliang.segment;

import java.util.Arrays;
import java.util.Optional;

/** The comparison operators of conditions; which ones a field accepts depends on its {@link ConditionField.Type}. */
public enum ConditionOperator {
    EQ("eq"), NEQ("neq"), LT("lt"), LTE("lte"), GT("gt"), GTE("gte"), BETWEEN("between"), IN("in"), NOT_IN("not_in"),
    CONTAINS("contains"), NOT_CONTAINS("not_contains"), STARTS_WITH("starts_with"), IS_EMPTY("is_empty"),
    IS_NOT_EMPTY("is_not_empty"), BEFORE("before"), AFTER("after"), WITHIN_LAST_DAYS("within_last_days"),
    MORE_THAN_DAYS_AGO("more_than_days_ago"), INCLUDES("includes"), EXCLUDES("excludes");

    private final String code;

    ConditionOperator(String code) {
        this.code = code;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return code;
    }

    public static Optional<ConditionOperator> ofCode(String code) {
        return Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst();
    }
}
