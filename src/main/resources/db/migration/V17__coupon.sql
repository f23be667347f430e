-- Coupon templates (满减, 折扣, 包邮, 赠品) and the coupons issued from them.
CREATE TABLE coupon_template (
    id                   uuid PRIMARY KEY,
    name                 text          NOT NULL,
    description          text,
    kind                 text          NOT NULL,
    amount_off           numeric(18, 2),
    threshold            numeric(18, 2) NOT NULL DEFAULT 0,
    percent_off          numeric(5, 2),
    max_discount         numeric(18, 2),
    gift_name            text,
    currency             char(3)       NOT NULL DEFAULT 'CNY',
    validity_type        text          NOT NULL,
    valid_from           timestamptz,
    valid_until          timestamptz,
    valid_days           integer,
    total_stock          integer,
    issued_count         integer       NOT NULL DEFAULT 0,
    per_customer_limit   integer       NOT NULL DEFAULT 1,
    shop_ids             uuid[]        NOT NULL DEFAULT '{}',
    categories           text[]        NOT NULL DEFAULT '{}',
    min_tier             text,
    restore_on_cancel    boolean       NOT NULL DEFAULT true,
    expiring_notice_days integer       NOT NULL DEFAULT 3,
    status               text          NOT NULL DEFAULT 'active',
    created_at           timestamptz   NOT NULL DEFAULT now(),
    created_by           text,
    updated_at           timestamptz   NOT NULL DEFAULT now(),
    updated_by           text,
    CONSTRAINT coupon_template_kind_known CHECK (kind IN ('amount_off', 'percent_off', 'free_shipping', 'gift')),
    CONSTRAINT coupon_template_status_known CHECK (status IN ('active', 'paused', 'archived')),
    CONSTRAINT coupon_template_terms CHECK (
        (kind <> 'amount_off' OR amount_off > 0)
        AND (kind <> 'percent_off' OR (percent_off > 0 AND percent_off < 100))
        AND (kind <> 'gift' OR gift_name IS NOT NULL)
        AND threshold >= 0 AND (max_discount IS NULL OR max_discount > 0)),
    CONSTRAINT coupon_template_validity CHECK (
        (validity_type = 'fixed' AND valid_until IS NOT NULL AND (valid_from IS NULL OR valid_from < valid_until))
        OR (validity_type = 'relative' AND valid_days > 0)),
    CONSTRAINT coupon_template_stock CHECK (total_stock IS NULL OR issued_count <= total_stock),
    CONSTRAINT coupon_template_limit CHECK (per_customer_limit > 0 AND expiring_notice_days >= 0)
);
CREATE INDEX coupon_template_name_idx ON coupon_template (lower(name), id);

-- One coupon per row; its code is unguessable (80 random bits). issue_key makes every issuance idempotent:
-- an API request id, a job and customer, a journey step.
CREATE TABLE coupon (
    id                   uuid PRIMARY KEY,
    code                 text          NOT NULL UNIQUE,
    template_id          uuid          NOT NULL REFERENCES coupon_template (id),
    customer_id          uuid          NOT NULL,
    origin_customer_id   uuid          NOT NULL,
    status               text          NOT NULL DEFAULT 'issued',
    source               text          NOT NULL,
    issue_key            text          NOT NULL,
    issued_at            timestamptz   NOT NULL DEFAULT now(),
    valid_from           timestamptz   NOT NULL,
    valid_until          timestamptz   NOT NULL,
    expiring_notified_at timestamptz,
    expired_at           timestamptz,
    revoked_at           timestamptz,
    revoked_by           text,
    redeemed_at          timestamptz,
    redeemed_shop_id     uuid,
    redeemed_order_id    text,
    redeemed_order_amount numeric(18, 2),
    redeemed_discount    numeric(18, 2),
    CONSTRAINT coupon_status_known CHECK (status IN ('issued', 'redeemed', 'expired', 'revoked')),
    CONSTRAINT coupon_redeemed_has_order CHECK (status <> 'redeemed' OR (redeemed_order_id IS NOT NULL
                                                                         AND redeemed_shop_id IS NOT NULL)),
    CONSTRAINT coupon_issue_key_uq UNIQUE (template_id, issue_key)
);
CREATE INDEX coupon_template_status_idx ON coupon (template_id, status, issued_at DESC);
CREATE INDEX coupon_customer_idx ON coupon (customer_id, issued_at DESC);
CREATE INDEX coupon_origin_idx ON coupon (origin_customer_id);
CREATE INDEX coupon_due_idx ON coupon (valid_until) WHERE status = 'issued';

-- Every redemption and every reversal, in order: the history of a coupon and the GMV of redeeming orders.
CREATE TABLE coupon_redemption (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    coupon_id    uuid          NOT NULL REFERENCES coupon (id),
    action       text          NOT NULL,
    shop_id      uuid          NOT NULL,
    order_id     text          NOT NULL,
    order_amount numeric(18, 2) NOT NULL,
    discount     numeric(18, 2) NOT NULL,
    at           timestamptz   NOT NULL DEFAULT now(),
    actor        text,
    CONSTRAINT coupon_redemption_action_known CHECK (action IN ('redeemed', 'reversed'))
);
CREATE INDEX coupon_redemption_coupon_idx ON coupon_redemption (coupon_id, seq);
