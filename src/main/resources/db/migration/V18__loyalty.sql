-- The loyalty program (one per merchant): how points are earned and when they expire, and its tiers.
CREATE TABLE loyalty_program (
    id                 integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    name               text          NOT NULL,
    enabled            boolean       NOT NULL DEFAULT true,
    points_per_unit    numeric(12, 4) NOT NULL,
    earn_on            text          NOT NULL DEFAULT 'completed',
    expiry             text          NOT NULL DEFAULT 'end_of_following_year',
    expiry_months      integer,
    auto_enrol         boolean       NOT NULL DEFAULT true,
    earn_from          timestamptz   NOT NULL,
    last_evaluation_at timestamptz,
    last_birthday_run  date,
    event_watermark    timestamptz,
    created_at         timestamptz   NOT NULL DEFAULT now(),
    updated_at         timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT loyalty_program_earn_on CHECK (earn_on IN ('paid', 'completed')),
    CONSTRAINT loyalty_program_expiry CHECK (expiry IN ('never', 'end_of_following_year', 'months')
        AND (expiry <> 'months' OR expiry_months > 0)),
    CONSTRAINT loyalty_program_rate CHECK (points_per_unit >= 0)
);

CREATE TABLE loyalty_tier (
    id                 uuid PRIMARY KEY,
    code               text          NOT NULL UNIQUE,
    name               text          NOT NULL,
    rank               integer       NOT NULL UNIQUE,
    qualify_by         text          NOT NULL,
    threshold          numeric(18, 2) NOT NULL,
    points_multiplier  numeric(6, 2) NOT NULL DEFAULT 1,
    discount_percent   numeric(5, 2) NOT NULL DEFAULT 0,
    free_shipping      boolean       NOT NULL DEFAULT false,
    birthday_coupon_template_id uuid,
    exclusive_service  text,
    grace_days         integer       NOT NULL DEFAULT 0,
    CONSTRAINT loyalty_tier_qualify CHECK (qualify_by IN ('net_spend_12m', 'points_12m', 'orders_12m')),
    CONSTRAINT loyalty_tier_sane CHECK (threshold >= 0 AND points_multiplier > 0 AND discount_percent >= 0
        AND discount_percent < 100 AND grace_days >= 0)
);

-- Members: a customer enrolled in the program, with a member number, the tier held and a pending downgrade.
CREATE TABLE loyalty_member (
    customer_id        uuid PRIMARY KEY,
    origin_customer_id uuid          NOT NULL,
    member_no          text          NOT NULL UNIQUE,
    tier_id            uuid REFERENCES loyalty_tier (id),
    tier_since         timestamptz,
    downgrade_due_at   timestamptz,
    balance            bigint        NOT NULL DEFAULT 0,
    enrolled_at        timestamptz   NOT NULL DEFAULT now(),
    enrolled_by        text          NOT NULL,
    CONSTRAINT loyalty_member_balance_not_negative CHECK (balance >= 0)
);
CREATE SEQUENCE loyalty_member_no_seq START 100001;

-- The points ledger: append-only, one row per earn / spend / expire / adjust / reverse; points are signed.
-- Partitioned by month of the entry; the idempotency of each entry's source is kept in points_source.
CREATE TABLE points_entry (
    id           bigint GENERATED ALWAYS AS IDENTITY,
    customer_id  uuid          NOT NULL,
    origin_customer_id uuid    NOT NULL,
    kind         text          NOT NULL,
    points       bigint        NOT NULL,
    balance_after bigint       NOT NULL,
    source_key   text          NOT NULL,
    reason       text,
    order_ref    text,
    at           timestamptz   NOT NULL DEFAULT now(),
    actor        text,
    PRIMARY KEY (id, at),
    CONSTRAINT points_entry_kind CHECK (kind IN ('earn', 'spend', 'expire', 'adjust', 'reverse')),
    CONSTRAINT points_entry_balance CHECK (balance_after >= 0)
) PARTITION BY RANGE (at);
CREATE INDEX points_entry_customer_idx ON points_entry (customer_id, at DESC, id DESC);
CREATE TABLE points_entry_default PARTITION OF points_entry DEFAULT;

-- Each source (an order's earning, a refund's reversal, a request id) records one entry, once.
CREATE TABLE points_source (
    source_key   text PRIMARY KEY,
    customer_id  uuid          NOT NULL,
    entry_id     bigint        NOT NULL,
    points       bigint        NOT NULL,
    at           timestamptz   NOT NULL DEFAULT now()
);

-- Earned points as lots, spent and expired first-in-first-out. Entries, lots and orders keep the customer they
-- were first recorded for (origin), so that a One-ID unmerge can give them back.
CREATE TABLE points_lot (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  uuid          NOT NULL,
    origin_customer_id uuid    NOT NULL,
    source_key   text          NOT NULL,
    earned       bigint        NOT NULL,
    remaining    bigint        NOT NULL,
    earned_at    timestamptz   NOT NULL,
    expires_at   timestamptz,
    CONSTRAINT points_lot_remaining CHECK (remaining >= 0 AND remaining <= earned)
);
CREATE INDEX points_lot_open_idx ON points_lot (customer_id, earned_at, id) WHERE remaining > 0;
CREATE INDEX points_lot_expiry_idx ON points_lot (expires_at) WHERE remaining > 0;

-- What each order earned and how much of it was taken back by refunds.
CREATE TABLE points_order (
    order_id     uuid PRIMARY KEY,
    customer_id  uuid          NOT NULL,
    origin_customer_id uuid    NOT NULL,
    basis        numeric(18, 2) NOT NULL,
    earned       bigint        NOT NULL,
    reversed     bigint        NOT NULL DEFAULT 0,
    refunded     numeric(18, 2) NOT NULL DEFAULT 0,
    earned_at    timestamptz   NOT NULL DEFAULT now()
);

-- Every tier change, in order.
CREATE TABLE loyalty_tier_change (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  uuid          NOT NULL,
    from_tier_id uuid,
    to_tier_id   uuid,
    change       text          NOT NULL,
    reason       text,
    at           timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT loyalty_tier_change_known CHECK (change IN ('upgraded', 'downgraded', 'at_risk', 'kept'))
);
CREATE INDEX loyalty_tier_change_customer_idx ON loyalty_tier_change (customer_id, seq);
