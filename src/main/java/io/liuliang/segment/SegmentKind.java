package io.liuliang.segment;

import java.util.Arrays;
import java.util.Optional;

/** Dynamic segments stay current; static segments are snapshots taken when created or refreshed by hand. */
public enum SegmentKind {
    DYNAMIC("dynamic"), STATIC("static");

    private final String code;

    SegmentKind(String code) {
        this.code = code;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return code;
    }

    public static Optional<SegmentKind> ofCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
