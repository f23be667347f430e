package io.liuliang.segment;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The eleven classic named RFM segments. */
public enum RfmSegment {
    CHAMPIONS("champions"), LOYAL("loyal"), POTENTIAL_LOYALIST("potential_loyalist"), NEW("new"),
    PROMISING("promising"), NEED_ATTENTION("need_attention"), ABOUT_TO_SLEEP("about_to_sleep"), AT_RISK("at_risk"),
    CANT_LOSE("cant_lose"), HIBERNATING("hibernating"), LOST("lost");

    private final String code;

    RfmSegment(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static Optional<RfmSegment> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code) || s.name().equals(code)).findFirst();
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    static RfmSegment fromJson(String code) {
        return ofCode(code).orElse(null);
    }
}
