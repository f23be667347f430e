-- CLV models (module analytics): BG/NBD + Gamma-Gamma fits, per shop or for the whole merchant (shop_id NULL),
-- and the per-customer predictions of the latest fit of each scope. Time unit: week.
CREATE TABLE clv_model (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shop_id               uuid,
    scope_id              uuid GENERATED ALWAYS AS (coalesce(shop_id, '00000000-0000-0000-0000-000000000000'::uuid)) STORED,
    r                     double precision NOT NULL,
    alpha                 double precision NOT NULL,
    a                     double precision NOT NULL,
    b                     double precision NOT NULL,
    p                     double precision NOT NULL,
    q                     double precision NOT NULL,
    gamma                 double precision NOT NULL,
    bgnbd_log_likelihood  double precision NOT NULL,
    gg_log_likelihood     double precision NOT NULL,
    calibration_end       date        NOT NULL,
    holdout_end           date        NOT NULL,
    customers             int         NOT NULL,
    repeaters             int         NOT NULL,
    scored                int         NOT NULL DEFAULT 0,
    annual_discount_rate  double precision NOT NULL,
    time_unit             text        NOT NULL DEFAULT 'week',
    calibration           jsonb       NOT NULL DEFAULT '[]',
    job_id                uuid,
    fitted_by             text,
    fitted_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT clv_model_time_unit_known CHECK (time_unit IN ('week')),
    CONSTRAINT clv_model_holdout_after_calibration CHECK (holdout_end >= calibration_end),
    CONSTRAINT clv_model_positive CHECK (r > 0 AND alpha > 0 AND a > 0 AND b > 0 AND p > 0 AND q > 0 AND gamma > 0)
);
COMMENT ON COLUMN clv_model.calibration_end IS 'last day (inclusive) of the calibration period the parameters were fitted on';
COMMENT ON COLUMN clv_model.holdout_end IS 'last day of the holdout period and the day customers were scored as of';
COMMENT ON COLUMN clv_model.calibration IS 'calibration/holdout chart: per calibration frequency 0..7+, customers, actual and predicted mean holdout purchases';
CREATE INDEX clv_model_scope_idx ON clv_model (scope_id, id DESC);

-- The latest predictions per customer and scope (the nil UUID = merchant-wide, else the shop). Segments filter on it.
CREATE TABLE customer_prediction (
    customer_id            uuid             NOT NULL,
    scope_id               uuid             NOT NULL,
    model_id               bigint           NOT NULL,
    p_alive                double precision NOT NULL,
    expected_purchases_90d double precision NOT NULL,
    expected_avg_spend     numeric(18, 2)   NOT NULL,
    clv_12m                numeric(18, 2)   NOT NULL,
    churn_risk             text             NOT NULL CHECK (churn_risk IN ('low', 'medium', 'high')),
    predicted_at           timestamptz      NOT NULL,
    PRIMARY KEY (customer_id, scope_id)
);
CREATE INDEX customer_prediction_scope_risk_idx ON customer_prediction (scope_id, churn_risk);
CREATE INDEX customer_prediction_scope_clv_idx ON customer_prediction (scope_id, clv_12m DESC);
CREATE INDEX customer_prediction_model_idx ON customer_prediction (model_id);

-- Scheduled refits: the instance that inserts a tick first runs it, the others see the conflict and skip it.
CREATE TABLE clv_refit_tick (
    tick         timestamptz PRIMARY KEY,
    claimed_by   text        NOT NULL,
    claimed_at   timestamptz NOT NULL DEFAULT now()
);
