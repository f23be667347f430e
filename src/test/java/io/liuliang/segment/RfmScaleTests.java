package io.liuliang.segment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.liuliang.shared.ApiProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RfmScaleTests {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 22);

    @Test
    void percentilesInterpolateLikePostgresPercentileCont() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        // position q * (n - 1): 0.2 * 9 = 1.8 → 2 + 0.8 * (3 - 2)
        assertThat(RfmScale.percentileCont(sorted, 0.2)).isEqualTo(2.8, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(RfmScale.percentileCont(sorted, 0.8)).isEqualTo(8.2, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(RfmScale.percentileCont(new double[] {5}, 0.4)).isEqualTo(5);
    }

    @Test
    void quintileBoundariesArePassedStrictlySoEqualValuesShareAScore() {
        // most customers bought once: the frequency boundaries collapse on 1, and one purchase scores 1
        int[] recency = {1, 5, 10, 20, 40, 60, 90, 120, 200, 300};
        int[] orders = {1, 1, 1, 1, 1, 1, 1, 2, 3, 8};
        BigDecimal[] spent = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> BigDecimal.valueOf(i * 100L))
                .toArray(BigDecimal[]::new);
        RfmScale scale = RfmScale.quintiles(DAY, recency, orders, spent);
        assertThat(scale.customers()).isEqualTo(10);
        assertThat(scale.score(1, 1, new BigDecimal("100"))).isEqualTo(new RfmScale.Scores(5, 1, 1));
        assertThat(scale.score(300, 8, new BigDecimal("1000"))).isEqualTo(new RfmScale.Scores(1, 5, 5));
        assertThat(scale.score(40, 2, new BigDecimal("500")).f()).isEqualTo(4);
    }

    @Test
    void merchantThresholdsAreInclusiveAsInTheBrief() {
        MetricsSettings.Thresholds t = new MetricsSettings.Thresholds(List.of(7, 30, 90, 180), List.of(1, 2, 3, 5),
                List.of(new BigDecimal("100"), new BigDecimal("300"), new BigDecimal("500"), new BigDecimal("1000")));
        RfmScale scale = RfmScale.thresholds(DAY, t, 0);
        // R <= 7 days, F >= 3, M >= 500: 高价值
        assertThat(scale.score(7, 3, new BigDecimal("500"))).isEqualTo(new RfmScale.Scores(5, 4, 4));
        assertThat(scale.score(8, 2, new BigDecimal("499.99"))).isEqualTo(new RfmScale.Scores(4, 3, 3));
        assertThat(scale.score(181, 0, BigDecimal.ZERO)).isEqualTo(new RfmScale.Scores(1, 1, 1));
    }

    @Test
    void theClassicGridCoversEveryCellAndNamesTheCorners() {
        MetricsSettings d = MetricsSettings.defaults();
        assertThat(d.rfm().grid()).hasSize(25).doesNotContainNull();
        assertThat(d.segmentOf(5, 5)).isEqualTo(RfmSegment.CHAMPIONS);
        assertThat(d.segmentOf(5, 1)).isEqualTo(RfmSegment.NEW);
        assertThat(d.segmentOf(1, 5)).isEqualTo(RfmSegment.CANT_LOSE);
        assertThat(d.segmentOf(1, 1)).isEqualTo(RfmSegment.LOST);
        assertThat(java.util.EnumSet.copyOf(d.rfm().grid())).containsExactlyInAnyOrder(RfmSegment.values());
        assertThat(d.validated()).isSameAs(d);
    }

    @Test
    void invalidSettingsNameEachBadField() {
        MetricsSettings d = MetricsSettings.defaults();
        MetricsSettings bad = new MetricsSettings(new MetricsSettings.Rfm(null,
                new MetricsSettings.Thresholds(List.of(7, 7, 90, 180), List.of(1, 2, 3), d.rfm().thresholds().monetary()),
                d.rfm().grid().subList(0, 24), 1),
                new MetricsSettings.Lifecycle(0, 60, 50, 40));
        assertThatThrownBy(bad::validated).isInstanceOfSatisfying(ApiProblemException.class, e ->
                assertThat(e.fieldErrors()).extracting(io.liuliang.shared.FieldError::field).contains("rfm.mode",
                        "rfm.thresholds.recencyDays[1]", "rfm.thresholds.frequency", "rfm.grid", "rfm.quadrantHighScore",
                        "lifecycle.newWithinDays", "lifecycle.dormantAfterDays", "lifecycle.lostAfterDays"));
    }

    @Test
    void customerIdsPageInPostgresOrder() {
        java.util.UUID low = java.util.UUID.fromString("00000000-0000-0000-0000-000000000001");
        java.util.UUID high = java.util.UUID.fromString("f0000000-0000-0000-0000-000000000000");
        // signed comparison puts f… before 0…; PostgreSQL (unsigned bytes) after it
        assertThat(high.compareTo(low)).isNegative();
        assertThat(RfmQueries.POSTGRES_UUID_ORDER.compare(high, low)).isPositive();
    }
}
