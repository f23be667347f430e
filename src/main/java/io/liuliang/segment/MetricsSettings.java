package io.liuliang.segment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.FieldError;

/**
 * The merchant's RFM and lifecycle settings.
 *
 * <p>RFM scores are 1–5. In {@link RfmMode#QUINTILES} mode the four boundaries of each dimension are the 20/40/60/80th
 * percentiles over the customers with a purchase, and a score counts the boundaries strictly passed (recency below,
 * frequency and monetary above), so customers with the same value share a score. In {@link RfmMode#THRESHOLDS} mode
 * the merchant gives the boundaries, inclusive: R = 1 + number of {@code recencyDays} boundaries with recency ≤ b,
 * F = 1 + number of {@code frequency} boundaries with frequency ≥ b, M likewise (the brief's 高价值: R ≤ 7, F ≥ 3,
 * M ≥ 500).
 *
 * <p>Named segments come from the classic 5×5 grid over R (rows) and F (columns): {@code grid} holds 25 segment
 * codes, row R=1 first. The four quadrants split R and (F+M)/2 at {@code quadrantHighScore}.
 */
public record MetricsSettings(Rfm rfm, Lifecycle lifecycle) {

    static final int SCORES = 5;
    static final int BOUNDARIES = SCORES - 1;

    public enum RfmMode { QUINTILES, THRESHOLDS }

    /** Boundaries used in threshold mode, each ascending with {@value #BOUNDARIES} values. */
    public record Thresholds(List<Integer> recencyDays, List<Integer> frequency, List<BigDecimal> monetary) {
    }

    public record Rfm(RfmMode mode, Thresholds thresholds, List<RfmSegment> grid, int quadrantHighScore) {
    }

    /**
     * Lifecycle stages by days since the last purchase: new while the first purchase is at most {@code newWithinDays}
     * old, active below {@code atRiskAfterDays}, then at risk, dormant from {@code dormantAfterDays}, lost from
     * {@code lostAfterDays}; a customer without a purchase is a prospect.
     */
    public record Lifecycle(int newWithinDays, int atRiskAfterDays, int dormantAfterDays, int lostAfterDays) {
    }

    private static final List<RfmSegment> CLASSIC_GRID = List.of(
            // R = 1                F = 1..5
            RfmSegment.LOST, RfmSegment.LOST, RfmSegment.AT_RISK, RfmSegment.AT_RISK, RfmSegment.CANT_LOSE,
            // R = 2
            RfmSegment.HIBERNATING, RfmSegment.HIBERNATING, RfmSegment.AT_RISK, RfmSegment.AT_RISK, RfmSegment.CANT_LOSE,
            // R = 3
            RfmSegment.ABOUT_TO_SLEEP, RfmSegment.ABOUT_TO_SLEEP, RfmSegment.NEED_ATTENTION, RfmSegment.LOYAL, RfmSegment.LOYAL,
            // R = 4
            RfmSegment.PROMISING, RfmSegment.POTENTIAL_LOYALIST, RfmSegment.POTENTIAL_LOYALIST, RfmSegment.LOYAL, RfmSegment.LOYAL,
            // R = 5
            RfmSegment.NEW, RfmSegment.POTENTIAL_LOYALIST, RfmSegment.POTENTIAL_LOYALIST, RfmSegment.CHAMPIONS, RfmSegment.CHAMPIONS);

    private static final int DEFAULT_QUADRANT_HIGH = 3;

    public static MetricsSettings defaults() {
        return new MetricsSettings(
                new Rfm(RfmMode.QUINTILES, new Thresholds(List.of(7, 30, 90, 180), List.of(2, 3, 5, 10),
                        List.of(new BigDecimal("100"), new BigDecimal("300"), new BigDecimal("500"), new BigDecimal("1000"))),
                        CLASSIC_GRID, DEFAULT_QUADRANT_HIGH),
                new Lifecycle(30, 60, 90, 180));
    }

    /** The segment of a cell of the grid. */
    RfmSegment segmentOf(int r, int f) {
        return rfm.grid().get((r - 1) * SCORES + (f - 1));
    }

    /** Checks every field; the errors name the field path ({@code rfm.thresholds.frequency[2]}). */
    MetricsSettings validated() {
        List<FieldError> errors = new ArrayList<>();
        if (rfm == null) {
            errors.add(new FieldError("rfm", "is required"));
        } else {
            if (rfm.mode() == null) {
                errors.add(new FieldError("rfm.mode", "must be QUINTILES or THRESHOLDS"));
            }
            Thresholds t = rfm.thresholds();
            if (t == null) {
                errors.add(new FieldError("rfm.thresholds", "is required"));
            } else {
                ascending("rfm.thresholds.recencyDays", t.recencyDays(), errors);
                ascending("rfm.thresholds.frequency", t.frequency(), errors);
                ascending("rfm.thresholds.monetary", t.monetary(), errors);
            }
            if (rfm.grid() == null || rfm.grid().size() != SCORES * SCORES) {
                errors.add(new FieldError("rfm.grid", "must hold " + SCORES * SCORES + " segments (R = 1..5 by F = 1..5)"));
            } else {
                for (int i = 0; i < rfm.grid().size(); i++) {
                    if (rfm.grid().get(i) == null) {
                        errors.add(new FieldError("rfm.grid[" + i + "]", "is not a known segment"));
                    }
                }
            }
            if (rfm.quadrantHighScore() < 2 || rfm.quadrantHighScore() > SCORES) {
                errors.add(new FieldError("rfm.quadrantHighScore", "must be between 2 and " + SCORES));
            }
        }
        if (lifecycle == null) {
            errors.add(new FieldError("lifecycle", "is required"));
        } else {
            positive("lifecycle.newWithinDays", lifecycle.newWithinDays(), errors);
            positive("lifecycle.atRiskAfterDays", lifecycle.atRiskAfterDays(), errors);
            if (lifecycle.dormantAfterDays() <= lifecycle.atRiskAfterDays()) {
                errors.add(new FieldError("lifecycle.dormantAfterDays", "must be more than atRiskAfterDays"));
            }
            if (lifecycle.lostAfterDays() <= lifecycle.dormantAfterDays()) {
                errors.add(new FieldError("lifecycle.lostAfterDays", "must be more than dormantAfterDays"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        return this;
    }

    private static void positive(String field, int value, List<FieldError> errors) {
        if (value < 1) {
            errors.add(new FieldError(field, "must be at least 1 day"));
        }
    }

    private static <T extends Comparable<T>> void ascending(String field, List<T> values, List<FieldError> errors) {
        if (values == null || values.size() != BOUNDARIES) {
            errors.add(new FieldError(field, "must hold " + BOUNDARIES + " ascending values"));
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            T v = values.get(i);
            if (v == null) {
                errors.add(new FieldError(field + "[" + i + "]", "is required"));
            } else if (v instanceof Number n && n.doubleValue() < 0) {
                errors.add(new FieldError(field + "[" + i + "]", "must not be negative"));
            } else if (i > 0 && values.get(i - 1) != null && v.compareTo(values.get(i - 1)) <= 0) {
                errors.add(new FieldError(field + "[" + i + "]", "must be more than the value before it"));
            }
        }
    }
}
