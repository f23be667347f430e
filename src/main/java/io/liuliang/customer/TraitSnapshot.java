package io.liuliang.customer;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A customer's traits at one moment, kept in merge records so an unmerge can restore the survivor. The real name
 * stays encrypted (base64 of the ciphertext).
 */
record TraitSnapshot(String displayName, String gender, LocalDate birthday, String province, String city,
                     String realNameEnc, String realNameMasked, Instant firstSeenAt, Instant lastSeenAt) {

    /**
     * Folds another record's or customer's traits into these, field by field, each by its strategy in {@code rules}
     * (by default: the name, gender, region and real name of the more recently seen one when present, latest
     * non-empty; the birthday of the earlier seen one, oldest non-empty). An empty value never replaces a known one.
     * The region moves as a whole (province with its city), except that a city missing from the chosen side is kept
     * from the other when both name the same province. First seen is the earliest and last seen the latest.
     */
    TraitSnapshot fold(TraitSnapshot other, TraitMergeRules rules) {
        boolean otherIsNewer = other.lastSeenAt != null && (lastSeenAt == null || other.lastSeenAt.isAfter(lastSeenAt));
        boolean otherIsOlder = other.firstSeenAt != null && (firstSeenAt == null || other.firstSeenAt.isBefore(firstSeenAt));
        Chooser choose = (field, mineHas, theirsHas) -> theirsHas && (!mineHas || switch (rules.strategy(field)) {
            case LATEST_NON_EMPTY -> otherIsNewer;
            case OLDEST_NON_EMPTY -> otherIsOlder;
            case KEEP_EXISTING -> false;
        });
        String name = choose.theirs(TraitField.DISPLAY_NAME, displayName != null, other.displayName != null)
                ? other.displayName : displayName;
        String sex = choose.theirs(TraitField.GENDER, knownGender(gender), knownGender(other.gender)) ? other.gender
                : gender != null ? gender : other.gender;
        LocalDate born = choose.theirs(TraitField.BIRTHDAY, birthday != null, other.birthday != null) ? other.birthday
                : birthday;
        boolean regionFromOther = choose.theirs(TraitField.REGION, province != null || city != null,
                other.province != null || other.city != null);
        TraitSnapshot from = regionFromOther ? other : this;
        TraitSnapshot rest = regionFromOther ? this : other;
        String regionCity = from.city == null && from.province != null && from.province.equals(rest.province)
                ? rest.city : from.city;
        boolean realNameFromOther = choose.theirs(TraitField.REAL_NAME, realNameEnc != null, other.realNameEnc != null);
        return new TraitSnapshot(name, sex, born, from.province, regionCity,
                realNameFromOther ? other.realNameEnc : realNameEnc,
                realNameFromOther ? other.realNameMasked : realNameMasked,
                otherIsOlder ? other.firstSeenAt : firstSeenAt,
                otherIsNewer ? other.lastSeenAt : lastSeenAt);
    }

    /** Whether, for a field, the other side's value is taken: it has one, and ours is empty or loses by the strategy. */
    @FunctionalInterface
    private interface Chooser {
        boolean theirs(TraitField field, boolean mineHas, boolean theirsHas);
    }

    private static boolean knownGender(String gender) {
        return gender != null && !"unknown".equals(gender);
    }
}
