-- Customer metrics (module metrics): one row per customer (merged-away customers have none), kept current within
-- seconds of an order, refund, event or merge (see metrics_dirty), and rebuilt by a full recompute job.
-- Money is in the merchant's currencies as received (no FX conversion).
CREATE TABLE customer_metrics (
    customer_id              uuid PRIMARY KEY REFERENCES customer (id),
    first_order_at           timestamptz,
    last_order_at            timestamptz,
    last_order_date          date,
    order_count              int            NOT NULL DEFAULT 0,
    cancelled_count          int            NOT NULL DEFAULT 0,
    units                    int            NOT NULL DEFAULT 0,
    gross_spent              numeric(18, 2) NOT NULL DEFAULT 0,
    refunded                 numeric(18, 2) NOT NULL DEFAULT 0,
    net_spent                numeric(18, 2) NOT NULL DEFAULT 0,
    aov                      numeric(18, 2),
    avg_days_between_orders  numeric(10, 2),
    refund_rate              numeric(6, 4),
    preferred_category       text,
    preferred_shop_id        uuid,
    last_event_at            timestamptz,
    last_activity_at         timestamptz,
    -- RFM as of rfm_as_of (the last recompute): recency in whole days, scores 1..5 (NULL without a purchase)
    rfm_as_of                date,
    recency_days             int,
    r_score                  smallint,
    f_score                  smallint,
    m_score                  smallint,
    rfm_segment              text,
    rfm_quadrant             text,
    lifecycle_stage          text           NOT NULL DEFAULT 'prospect',
    lifecycle_since          timestamptz    NOT NULL DEFAULT now(),
    updated_at               timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT customer_metrics_stage_known CHECK (lifecycle_stage IN ('prospect', 'new', 'active', 'at_risk', 'dormant', 'lost')),
    CONSTRAINT customer_metrics_scores CHECK ((r_score IS NULL OR r_score BETWEEN 1 AND 5)
        AND (f_score IS NULL OR f_score BETWEEN 1 AND 5) AND (m_score IS NULL OR m_score BETWEEN 1 AND 5))
);
COMMENT ON COLUMN customer_metrics.last_order_date IS 'calendar date of the last non-cancelled order in its shop''s timezone (recency counts from it)';
COMMENT ON COLUMN customer_metrics.order_count IS 'distinct non-cancelled orders (RFM frequency)';
COMMENT ON COLUMN customer_metrics.net_spent IS 'paid amounts of non-cancelled orders less refunds (RFM monetary)';
CREATE INDEX customer_metrics_rfm_idx ON customer_metrics (rfm_segment);
CREATE INDEX customer_metrics_stage_idx ON customer_metrics (lifecycle_stage);
CREATE INDEX customer_metrics_last_order_idx ON customer_metrics (last_order_date);
CREATE INDEX customer_metrics_net_idx ON customer_metrics (net_spent);

-- Customers whose metrics must be recomputed: written in the same transaction as the change (an outbox), drained
-- by the metrics worker (FOR UPDATE SKIP LOCKED, so instances share the work).
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

-- Monthly RFM snapshots (the month's last recompute), for migrations between segments.
CREATE TABLE rfm_snapshot (
    month        date     NOT NULL,
    customer_id  uuid     NOT NULL,
    recency_days int,
    frequency    int      NOT NULL,
    monetary     numeric(18, 2) NOT NULL,
    r_score      smallint,
    f_score      smallint,
    m_score      smallint,
    rfm_segment  text,
    PRIMARY KEY (month, customer_id)
);

-- Lifecycle stage changes (journeys react to them); seq orders them for consumers.
CREATE TABLE lifecycle_change (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  uuid        NOT NULL,
    from_stage   text,
    to_stage     text        NOT NULL,
    changed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lifecycle_change_customer_idx ON lifecycle_change (customer_id, changed_at DESC);
