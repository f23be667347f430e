package io.liuliang.customer;

import java.util.Optional;

/**
 * The customer traits One-ID folds together when records of one person meet (a new record of a known customer, a
 * merge, an unmerge), each with the strategy it follows unless the merchant declares another. The region is one
 * field (province and city move together, so a merge never pairs one record's province with another's city), and so
 * is the real name (its ciphertext and masked form).
 */
enum TraitField {

    DISPLAY_NAME("displayName", TraitMergeStrategy.LATEST_NON_EMPTY),
    GENDER("gender", TraitMergeStrategy.LATEST_NON_EMPTY),
    BIRTHDAY("birthday", TraitMergeStrategy.OLDEST_NON_EMPTY),
    REGION("region", TraitMergeStrategy.LATEST_NON_EMPTY),
    REAL_NAME("realName", TraitMergeStrategy.LATEST_NON_EMPTY);

    private final String code;
    private final TraitMergeStrategy defaultStrategy;

    TraitField(String code, TraitMergeStrategy defaultStrategy) {
        this.code = code;
        this.defaultStrategy = defaultStrategy;
    }

    String code() {
        return code;
    }

    TraitMergeStrategy defaultStrategy() {
        return defaultStrategy;
    }

    static Optional<TraitField> ofCode(String code) {
        for (TraitField f : values()) {
            if (f.code.equals(code)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
