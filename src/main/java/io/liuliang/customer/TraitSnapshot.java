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
     * Folds another customer's traits into these, field by field: the name, gender, region and real name of the
     * more recently seen customer win when present (latest non-empty); the birthday of the earlier seen one wins
     * (oldest non-empty); first seen is the earliest and last seen the latest.
     */
    TraitSnapshot fold(TraitSnapshot other) {
        boolean otherIsNewer = other.lastSeenAt != null && (lastSeenAt == null || other.lastSeenAt.isAfter(lastSeenAt));
        boolean otherIsOlder = other.firstSeenAt != null && (firstSeenAt == null || other.firstSeenAt.isBefore(firstSeenAt));
        return new TraitSnapshot(
                latest(displayName, other.displayName, otherIsNewer),
                latest(gender == null || "unknown".equals(gender) ? null : gender,
                        other.gender == null || "unknown".equals(other.gender) ? null : other.gender, otherIsNewer,
                        gender),
                oldest(birthday, other.birthday, otherIsOlder),
                latest(province, other.province, otherIsNewer),
                latest(city, other.city, otherIsNewer),
                latest(realNameEnc, other.realNameEnc, otherIsNewer),
                realNameEnc != null && (other.realNameEnc == null || !otherIsNewer) ? realNameMasked : other.realNameMasked,
                otherIsOlder ? other.firstSeenAt : firstSeenAt,
                otherIsNewer ? other.lastSeenAt : lastSeenAt);
    }

    private static <T> T latest(T mine, T theirs, boolean theirsIsNewer) {
        return latest(mine, theirs, theirsIsNewer, null);
    }

    private static <T> T latest(T mine, T theirs, boolean theirsIsNewer, T fallback) {
        if (mine == null) {
            return theirs != null ? theirs : fallback;
        }
        if (theirs == null) {
            return mine;
        }
        return theirsIsNewer ? theirs : mine;
    }

    private static <T> T oldest(T mine, T theirs, boolean theirsIsOlder) {
        if (mine == null) {
            return theirs;
        }
        if (theirs == null) {
            return mine;
        }
        return theirsIsOlder ? theirs : mine;
    }
}
