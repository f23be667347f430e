package io.liuliang.segment;

import java.util.Arrays;
import java.util.Optional;

/** Where a customer is in their life with the merchant; thresholds are merchant settings. */
public enum LifecycleStage {
    PROSPECT("prospect"), NEW("new"), ACTIVE("active"), AT_RISK("at_risk"), DORMANT("dormant"), LOST("lost");

    private final String code;

    LifecycleStage(String code) {
        this.code = code;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return code;
    }

    public static Optional<LifecycleStage> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
