package io.liuliang.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Folding two records' traits, field by field, by each declared strategy. */
class TraitSnapshotTests {

    private static final Instant JAN = Instant.parse("2026-01-10T00:00:00Z");
    private static final Instant MAY = Instant.parse("2026-05-10T00:00:00Z");

    private static TraitSnapshot traits(String name, String gender, LocalDate birthday, String province, String city,
                                        String realName, Instant seen) {
        return new TraitSnapshot(name, gender, birthday, province, city, realName == null ? null : "enc:" + realName,
                realName == null ? null : realName.charAt(0) + "*", seen, seen);
    }

    private static TraitMergeRules all(TraitMergeStrategy s) {
        Map<TraitField, TraitMergeStrategy> m = new java.util.EnumMap<>(TraitField.class);
        for (TraitField f : TraitField.values()) {
            m.put(f, s);
        }
        return new TraitMergeRules(m);
    }

    private final TraitSnapshot existing = traits("李雷", "male", LocalDate.of(1990, 1, 1), "浙江", "杭州", "李雷", JAN);
    private final TraitSnapshot later = traits("Lei Li", "female", LocalDate.of(1992, 2, 2), "江苏", "南京", "李磊", MAY);

    @Test
    void theDefaultsKeepTheLatestValuesAndTheOldestBirthday() {
        TraitSnapshot folded = existing.fold(later, TraitMergeRules.defaults());
        assertThat(folded.displayName()).isEqualTo("Lei Li");
        assertThat(folded.gender()).isEqualTo("female");
        assertThat(folded.birthday()).isEqualTo(LocalDate.of(1990, 1, 1));
        assertThat(folded.province()).isEqualTo("江苏");
        assertThat(folded.city()).isEqualTo("南京");
        assertThat(folded.realNameEnc()).isEqualTo("enc:李磊");
        assertThat(folded.realNameMasked()).isEqualTo("李*");
        assertThat(folded.firstSeenAt()).isEqualTo(JAN);
        assertThat(folded.lastSeenAt()).isEqualTo(MAY);
        // the order of folding does not change what the latest and oldest are
        TraitSnapshot other = later.fold(existing, TraitMergeRules.defaults());
        assertThat(other.displayName()).isEqualTo("Lei Li");
        assertThat(other.birthday()).isEqualTo(LocalDate.of(1990, 1, 1));
    }

    @Test
    void keepExistingKeepsWhatTheCustomerHoldsAndOnlyFillsBlanks() {
        TraitSnapshot folded = existing.fold(later, all(TraitMergeStrategy.KEEP_EXISTING));
        assertThat(folded.displayName()).isEqualTo("李雷");
        assertThat(folded.gender()).isEqualTo("male");
        assertThat(folded.birthday()).isEqualTo(LocalDate.of(1990, 1, 1));
        assertThat(folded.province()).isEqualTo("浙江");
        assertThat(folded.city()).isEqualTo("杭州");
        assertThat(folded.realNameEnc()).isEqualTo("enc:李雷");
        TraitSnapshot blank = traits(null, "unknown", null, null, null, null, JAN);
        TraitSnapshot filled = blank.fold(later, all(TraitMergeStrategy.KEEP_EXISTING));
        assertThat(filled.displayName()).isEqualTo("Lei Li");
        assertThat(filled.gender()).isEqualTo("female");
        assertThat(filled.birthday()).isEqualTo(LocalDate.of(1992, 2, 2));
        assertThat(filled.province()).isEqualTo("江苏");
        assertThat(filled.realNameMasked()).isEqualTo("李*");
    }

    @Test
    void oldestNonEmptyTakesTheFirstSeenValueWhicheverSideItIsOn() {
        TraitSnapshot folded = later.fold(existing, all(TraitMergeStrategy.OLDEST_NON_EMPTY));
        assertThat(folded.displayName()).isEqualTo("李雷");
        assertThat(folded.gender()).isEqualTo("male");
        assertThat(folded.province()).isEqualTo("浙江");
        assertThat(folded.city()).isEqualTo("杭州");
        assertThat(folded.realNameEnc()).isEqualTo("enc:李雷");
        assertThat(folded.firstSeenAt()).isEqualTo(JAN);
        assertThat(folded.lastSeenAt()).isEqualTo(MAY);
    }

    @Test
    void anEmptyValueNeverReplacesAKnownOneWhateverTheStrategy() {
        TraitSnapshot empty = traits(null, "unknown", null, null, null, null, MAY);
        for (TraitMergeStrategy s : TraitMergeStrategy.values()) {
            TraitSnapshot folded = existing.fold(empty, all(s));
            assertThat(folded.displayName()).as(s.code()).isEqualTo("李雷");
            assertThat(folded.gender()).as(s.code()).isEqualTo("male");
            assertThat(folded.birthday()).as(s.code()).isEqualTo(LocalDate.of(1990, 1, 1));
            assertThat(folded.province()).as(s.code()).isEqualTo("浙江");
            assertThat(folded.realNameEnc()).as(s.code()).isEqualTo("enc:李雷");
        }
    }

    @Test
    void theRegionMovesAsAWholeAndKeepsTheCityOfTheSameProvince() {
        // a later record with another province but no city: the earlier city does not stay behind with it
        TraitSnapshot moved = existing.fold(traits(null, null, null, "江苏", null, null, MAY), TraitMergeRules.defaults());
        assertThat(moved.province()).isEqualTo("江苏");
        assertThat(moved.city()).isNull();
        // a later record with the same province and no city keeps the known city
        TraitSnapshot same = existing.fold(traits(null, null, null, "浙江", null, null, MAY), TraitMergeRules.defaults());
        assertThat(same.province()).isEqualTo("浙江");
        assertThat(same.city()).isEqualTo("杭州");
    }

    @Test
    void fieldsAndStrategiesAreKnownByTheirCodes() {
        assertThat(TraitField.ofCode("region")).contains(TraitField.REGION);
        assertThat(TraitField.ofCode("province")).isEmpty();
        assertThat(TraitMergeStrategy.ofCode("keep_existing")).contains(TraitMergeStrategy.KEEP_EXISTING);
        assertThat(TraitMergeStrategy.ofCode("newest")).isEmpty();
    }
}
