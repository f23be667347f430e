package io.liuliang.segment;

import java.util.Arrays;
import java.util.Optional;

/** Manual tags are given by people; rule tags follow a condition; system tags are rule tags the product defines. */
public enum TagKind {
    MANUAL("manual"), RULE("rule"), SYSTEM("system");

    private final String code;

    TagKind(String code) {
        this.code = code;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return code;
    }

    public static Optional<TagKind> ofCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
