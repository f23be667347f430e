-- Customer metrics (module segment). customer_metrics_base holds one row per live customer with facts kept current
-- within seconds of an order, refund, event or merge (see metrics_dirty) and rebuilt by a full recompute job; the
-- view customer_metrics adds RFM (scored against the boundaries of the last full recompute in rfm_scale) and
-- recency as of today, so neither the daily passage of time nor a new set of boundaries rewrites a million rows.
-- Money is in the currencies as received (no FX conversion).
CREATE TABLE customer_metrics_base (
    customer_id              uuid PRIMARY KEY REFERENCES customer (id),
    first_order_at           timestamptz,
    last_order_at            timestamptz,
    first_order_date         date,
    last_order_date          date,
    order_count              int            NOT NULL DEFAULT 0,
    cancelled_count          int            NOT NULL DEFAULT 0,
    units                    int            NOT NULL DEFAULT 0,
    gross_spent              numeric(18, 2) NOT NULL DEFAULT 0,
    refunded                 numeric(18, 2) NOT NULL DEFAULT 0,
    net_spent                numeric(18, 2) NOT NULL DEFAULT 0,
    aov                      numeric(18, 2),
    avg_days_between_orders  numeric(10, 2),
    refund_rate              numeric(8, 4),
    preferred_category       text,
    preferred_shop_id        uuid,
    last_event_at            timestamptz,
    last_activity_at         timestamptz,
    lifecycle_stage          text           NOT NULL DEFAULT 'prospect',
    lifecycle_since          timestamptz    NOT NULL DEFAULT now(),
    updated_at               timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT customer_metrics_stage_known CHECK (lifecycle_stage IN ('prospect', 'new', 'active', 'at_risk', 'dormant', 'lost'))
);
COMMENT ON COLUMN customer_metrics_base.last_order_date IS 'calendar date of the last purchase in its shop''s timezone (recency counts from it)';
COMMENT ON COLUMN customer_metrics_base.order_count IS 'distinct purchases: orders not cancelled and not negative (a negative order is a return) — RFM frequency';
COMMENT ON COLUMN customer_metrics_base.net_spent IS 'value of purchases less refunds and returns (RFM monetary)';
CREATE INDEX customer_metrics_stage_idx ON customer_metrics_base (lifecycle_stage);
CREATE INDEX customer_metrics_last_order_idx ON customer_metrics_base (last_order_date);
CREATE INDEX customer_metrics_net_idx ON customer_metrics_base (net_spent);

-- Customers whose metrics must be recomputed: written by the module's event listeners, drained by the metrics
-- worker (FOR UPDATE SKIP LOCKED, so instances share the work).
CREATE TABLE metrics_dirty (
    customer_id uuid PRIMARY KEY,
    marked_at   timestamptz NOT NULL DEFAULT now()
);

-- Merchant settings for RFM and lifecycle (one row per scope: the nil UUID is the whole merchant).
CREATE TABLE metrics_settings (
    scope_id     uuid PRIMARY KEY,
    settings     jsonb       NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    updated_by   text
);

-- The RFM scale of the last full recompute (per scope; the nil UUID is the whole merchant): four boundaries per
-- dimension, how to compare with them, the 5x5 R-by-F grid of named segments and the quadrant split.
CREATE TABLE rfm_scale (
    scope_id      uuid PRIMARY KEY,
    as_of         date        NOT NULL,
    timezone      text        NOT NULL,
    mode          text        NOT NULL,
    recency       numeric[]   NOT NULL,
    frequency     numeric[]   NOT NULL,
    monetary      numeric[]   NOT NULL,
    grid          text[]      NOT NULL,
    quadrant_high int         NOT NULL,
    customers     int         NOT NULL,
    computed_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rfm_scale_mode_known CHECK (mode IN ('quintiles', 'thresholds')),
    CONSTRAINT rfm_scale_shape CHECK (cardinality(recency) = 4 AND cardinality(frequency) = 4
        AND cardinality(monetary) = 4 AND cardinality(grid) = 25)
);

-- Quintile boundaries are passed strictly (recency below, frequency/monetary above), merchant thresholds inclusively.
CREATE VIEW customer_metrics AS
SELECT b.*,
       rec.as_of AS rfm_as_of,
       rec.days AS recency_days,
       sc.r AS r_score,
       sc.f AS f_score,
       sc.m AS m_score,
       s.grid[(sc.r - 1) * 5 + sc.f] AS rfm_segment,
       CASE WHEN sc.r IS NULL THEN NULL
            WHEN sc.r >= s.quadrant_high AND sc.f + sc.m >= 2 * s.quadrant_high THEN 'high_value'
            WHEN sc.r >= s.quadrant_high THEN 'new_customer'
            WHEN sc.f + sc.m >= 2 * s.quadrant_high THEN 'to_activate'
            ELSE 'sleeping' END AS rfm_quadrant
FROM customer_metrics_base b
LEFT JOIN rfm_scale s ON s.scope_id = '00000000-0000-0000-0000-000000000000'
CROSS JOIN LATERAL (
    SELECT (now() AT TIME ZONE coalesce(s.timezone, 'Asia/Shanghai'))::date AS as_of,
           (now() AT TIME ZONE coalesce(s.timezone, 'Asia/Shanghai'))::date - b.last_order_date AS days
) rec
CROSS JOIN LATERAL (
    SELECT CASE WHEN b.order_count = 0 OR s.mode IS NULL THEN NULL
                WHEN s.mode = 'thresholds' THEN 1 + (rec.days <= s.recency[1])::int + (rec.days <= s.recency[2])::int
                    + (rec.days <= s.recency[3])::int + (rec.days <= s.recency[4])::int
                ELSE 1 + (rec.days < s.recency[1])::int + (rec.days < s.recency[2])::int
                    + (rec.days < s.recency[3])::int + (rec.days < s.recency[4])::int END AS r,
           CASE WHEN b.order_count = 0 OR s.mode IS NULL THEN NULL
                WHEN s.mode = 'thresholds' THEN 1 + (b.order_count >= s.frequency[1])::int + (b.order_count >= s.frequency[2])::int
                    + (b.order_count >= s.frequency[3])::int + (b.order_count >= s.frequency[4])::int
                ELSE 1 + (b.order_count > s.frequency[1])::int + (b.order_count > s.frequency[2])::int
                    + (b.order_count > s.frequency[3])::int + (b.order_count > s.frequency[4])::int END AS f,
           CASE WHEN b.order_count = 0 OR s.mode IS NULL THEN NULL
                WHEN s.mode = 'thresholds' THEN 1 + (b.net_spent >= s.monetary[1])::int + (b.net_spent >= s.monetary[2])::int
                    + (b.net_spent >= s.monetary[3])::int + (b.net_spent >= s.monetary[4])::int
                ELSE 1 + (b.net_spent > s.monetary[1])::int + (b.net_spent > s.monetary[2])::int
                    + (b.net_spent > s.monetary[3])::int + (b.net_spent > s.monetary[4])::int END AS m
) sc;
COMMENT ON VIEW customer_metrics IS 'metrics with RFM scores (1..5; NULL without a purchase), named segment, quadrant and recency as of today';

-- Monthly RFM snapshots (the month's last recompute), for migrations between segments.
CREATE TABLE rfm_snapshot (
    month        date           NOT NULL,
    customer_id  uuid           NOT NULL,
    recency_days int,
    frequency    int            NOT NULL,
    monetary     numeric(18, 2) NOT NULL,
    r_score      smallint,
    f_score      smallint,
    m_score      smallint,
    rfm_segment  text,
    PRIMARY KEY (month, customer_id)
);

-- Lifecycle stage changes (journeys react to them, in seq order).
CREATE TABLE lifecycle_change (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  uuid        NOT NULL,
    from_stage   text,
    to_stage     text        NOT NULL,
    changed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lifecycle_change_customer_idx ON lifecycle_change (customer_id, changed_at DESC);
