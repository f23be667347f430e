package io.liuliang.segment;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The four-quadrant view of the brief: 高价值 (R high, F/M high), 待激活 (R low, F/M high), 新客户 (R high, F/M low),
 * 沉睡/流失风险 (R low, F/M low).
 */
public enum RfmQuadrant {
    HIGH_VALUE("high_value"), TO_ACTIVATE("to_activate"), NEW_CUSTOMER("new_customer"), SLEEPING("sleeping");

    private final String code;

    RfmQuadrant(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    static RfmQuadrant of(boolean recent, boolean valuable) {
        if (recent) {
            return valuable ? HIGH_VALUE : NEW_CUSTOMER;
        }
        return valuable ? TO_ACTIVATE : SLEEPING;
    }
}
