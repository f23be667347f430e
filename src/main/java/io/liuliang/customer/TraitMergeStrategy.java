package io.liuliang.customer;

import java.util.Optional;

/**
 * How a trait is chosen when two records of one person both have a say (Apache Unomi calls these property merge
 * strategies). An empty value (none, blank, or gender {@code unknown}) never replaces a known one, whatever the
 * strategy.
 */
enum TraitMergeStrategy {

    /** The value of the record or customer seen most recently (last seen), among those that have one. */
    LATEST_NON_EMPTY("latest_non_empty"),
    /** The value of the record or customer seen first (first seen), among those that have one. */
    OLDEST_NON_EMPTY("oldest_non_empty"),
    /** The value the customer already holds (the survivor's, in a merge); another only fills it when empty. */
    KEEP_EXISTING("keep_existing");

    private final String code;

    TraitMergeStrategy(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    static Optional<TraitMergeStrategy> ofCode(String code) {
        for (TraitMergeStrategy s : values()) {
            if (s.code.equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
