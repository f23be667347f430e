package io.liuliang.segment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.liuliang.segment.ConditionField.Source;
import io.liuliang.segment.ConditionField.Type;

/**
 * The catalog of condition fields: profile, identities present, metrics, RFM, lifecycle, predictions, tags and
 * segment membership. A customer without a metrics row counts as a prospect with zero orders and spend.
 */
public final class ConditionFields {

    public static final String IDENTITY_TYPES = "identity_types";
    public static final String TAGS = "tags";
    public static final String SEGMENTS = "segments";

    static final List<String> GENDERS = List.of("female", "male", "unknown");
    static final List<String> RFM_SEGMENTS = List.of("champions", "loyal", "potential_loyalist", "new", "promising",
            "need_attention", "about_to_sleep", "at_risk", "cant_lose", "hibernating", "lost");
    static final List<String> RFM_QUADRANTS = List.of("high_value", "to_activate", "new_customer", "sleeping");
    static final List<String> CHURN_RISKS = List.of("low", "medium", "high");

    private static final List<ConditionField> ALL = List.of(
            text("display_name", "profile", Source.CUSTOMER, "c.display_name"),
            new ConditionField("gender", "profile", Type.ENUM, Source.CUSTOMER, "c.gender", true, GENDERS),
            new ConditionField("birthday", "profile", Type.DATE, Source.CUSTOMER, "c.birthday", true, List.of()),
            text("province", "profile", Source.CUSTOMER, "c.province"),
            text("city", "profile", Source.CUSTOMER, "c.city"),
            text("source", "profile", Source.CUSTOMER, "c.source"),
            timestamp("first_seen_at", "profile", Source.CUSTOMER, "c.first_seen_at", false),
            timestamp("last_seen_at", "profile", Source.CUSTOMER, "c.last_seen_at", false),
            new ConditionField(IDENTITY_TYPES, "identity", Type.SET, Source.IDENTITY, null, false, List.of()),
            counted("order_count", "m.order_count"),
            counted("cancelled_count", "m.cancelled_count"),
            counted("units", "m.units"),
            counted("gross_spent", "m.gross_spent"),
            counted("refunded", "m.refunded"),
            counted("net_spent", "m.net_spent"),
            number("aov", "metrics", Source.METRICS, "m.aov", true),
            number("avg_days_between_orders", "metrics", Source.METRICS, "m.avg_days_between_orders", true),
            number("refund_rate", "metrics", Source.METRICS, "m.refund_rate", true),
            text("preferred_category", "metrics", Source.METRICS, "m.preferred_category"),
            timestamp("first_order_at", "metrics", Source.METRICS, "m.first_order_at", true),
            timestamp("last_order_at", "metrics", Source.METRICS, "m.last_order_at", true),
            timestamp("last_activity_at", "metrics", Source.METRICS, "m.last_activity_at", true),
            number("recency_days", "rfm", Source.METRICS, "m.recency_days", true),
            number("r_score", "rfm", Source.METRICS, "m.r_score", true),
            number("f_score", "rfm", Source.METRICS, "m.f_score", true),
            number("m_score", "rfm", Source.METRICS, "m.m_score", true),
            new ConditionField("rfm_segment", "rfm", Type.ENUM, Source.METRICS, "m.rfm_segment", true, RFM_SEGMENTS),
            new ConditionField("rfm_quadrant", "rfm", Type.ENUM, Source.METRICS, "m.rfm_quadrant", true, RFM_QUADRANTS),
            new ConditionField("lifecycle_stage", "lifecycle", Type.ENUM, Source.METRICS,
                    "coalesce(m.lifecycle_stage, 'prospect')", false,
                    java.util.Arrays.stream(LifecycleStage.values()).map(LifecycleStage::code).toList(),
                    new ConditionField.Absent("m.lifecycle_stage", new Condition.Text(LifecycleStage.PROSPECT.code()))),
            number("p_alive", "prediction", Source.PREDICTION, "p.p_alive", true),
            number("expected_purchases_90d", "prediction", Source.PREDICTION, "p.expected_purchases_90d", true),
            number("expected_avg_spend", "prediction", Source.PREDICTION, "p.expected_avg_spend", true),
            number("clv_12m", "prediction", Source.PREDICTION, "p.clv_12m", true),
            new ConditionField("churn_risk", "prediction", Type.ENUM, Source.PREDICTION, "p.churn_risk", true, CHURN_RISKS),
            new ConditionField(TAGS, "tags", Type.SET, Source.TAG, null, false, List.of()),
            new ConditionField(SEGMENTS, "segments", Type.SET, Source.SEGMENT, null, false, List.of()));

    private static final Map<String, ConditionField> BY_KEY = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(ConditionField::key, Function.identity()));

    private ConditionFields() {
    }

    public static List<ConditionField> all() {
        return ALL;
    }

    public static Optional<ConditionField> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** Fields with one value per customer (everything but the sets), in catalog order. */
    static List<ConditionField> scalars() {
        return ALL.stream().filter(f -> f.type() != Type.SET).toList();
    }

    private static ConditionField text(String key, String group, Source source, String sql) {
        return new ConditionField(key, group, Type.TEXT, source, sql, true, List.of());
    }

    private static ConditionField number(String key, String group, Source source, String sql, boolean nullable) {
        return new ConditionField(key, group, Type.NUMBER, source, sql, nullable, List.of());
    }

    /** A metrics figure that is zero for a customer without a metrics row (the column itself is NOT NULL). */
    private static ConditionField counted(String key, String column) {
        return new ConditionField(key, "metrics", Type.NUMBER, Source.METRICS, "coalesce(" + column + ", 0)", false,
                List.of(), new ConditionField.Absent(column, new Condition.Number(java.math.BigDecimal.ZERO)));
    }

    private static ConditionField timestamp(String key, String group, Source source, String sql, boolean nullable) {
        return new ConditionField(key, group, Type.TIMESTAMP, source, sql, nullable, List.of());
    }
}
