package io.liuliang.analytics;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A customer's churn risk, banded from the BG/NBD probability of being alive: {@code high} below
 * {@value #HIGH_BELOW}, {@code medium} below {@value #MEDIUM_BELOW}, {@code low} from there up. Under BG/NBD a
 * customer can only drop out right after a purchase, so a one-time buyer always has P(alive) = 1 and a low band:
 * read their risk from the expected purchases instead.
 */
public enum ChurnRisk {
    LOW, MEDIUM, HIGH;

    /** P(alive) below this is a high risk. */
    public static final double HIGH_BELOW = 0.3;
    /** P(alive) below this (and not high) is a medium risk. */
    public static final double MEDIUM_BELOW = 0.7;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChurnRisk ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    public static ChurnRisk of(double pAlive) {
        if (pAlive < HIGH_BELOW) {
            return HIGH;
        }
        return pAlive < MEDIUM_BELOW ? MEDIUM : LOW;
    }
}
