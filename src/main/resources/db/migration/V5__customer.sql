-- Customers and One-ID. A customer merged into another keeps its row (merged_into points at the survivor) so
-- that a merge can be undone; identities and everything else a customer owns carry the customer they first
-- belonged to (origin_customer_id), which says what goes back on unmerge.

CREATE TABLE identity_type (
    code             text PRIMARY KEY,
    display_name     text        NOT NULL,
    priority         int         NOT NULL,
    max_per_customer int,
    shop_scoped      boolean     NOT NULL,
    pii              boolean     NOT NULL,
    builtin          boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT identity_type_code_format CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
    CONSTRAINT identity_type_limit_positive CHECK (max_per_customer IS NULL OR max_per_customer > 0)
);
COMMENT ON COLUMN identity_type.priority IS '1 = strongest; the strongest matching identity decides where a record belongs when merging is not allowed';
COMMENT ON COLUMN identity_type.max_per_customer IS 'values one customer may hold (per shop for shop-scoped types); a merge that would exceed it becomes a conflict';

INSERT INTO identity_type (code, display_name, priority, max_per_customer, shop_scoped, pii, builtin) VALUES
    ('member_number',     '会员号 Member number',          10, 1,    false, false, true),
    ('wechat_unionid',    '微信 UnionID',                  20, 1,    false, false, true),
    ('wechat_openid',     '微信 OpenID',                   30, 1,    true,  false, true),
    ('phone',             '手机号 Phone',                  40, 5,    false, true,  true),
    ('email',             '邮箱 Email',                    50, 10,   false, true,  true),
    ('platform_buyer_id', '平台买家ID Platform buyer id',  60, NULL, true,  false, true),
    ('device_id',         '设备ID Device id',              70, NULL, false, false, true);

CREATE TABLE customer (
    id                uuid PRIMARY KEY,
    display_name      text,
    gender            text,
    birthday          date,
    province          text,
    city              text,
    real_name_enc     bytea,
    real_name_masked  text,
    first_seen_at     timestamptz NOT NULL,
    last_seen_at      timestamptz NOT NULL,
    source            text        NOT NULL,
    merged_into       uuid REFERENCES customer (id),
    merged_at         timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customer_gender_known CHECK (gender IN ('female', 'male', 'unknown')),
    CONSTRAINT customer_not_merged_into_itself CHECK (merged_into IS NULL OR merged_into <> id)
);
CREATE INDEX customer_merged_into_idx ON customer (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX customer_name_idx ON customer (lower(display_name) text_pattern_ops) WHERE merged_into IS NULL;
CREATE INDEX customer_region_idx ON customer (province, city) WHERE merged_into IS NULL;
CREATE INDEX customer_first_seen_idx ON customer (first_seen_at, id) WHERE merged_into IS NULL;

-- scope_id is the shop for shop-scoped types, else the nil UUID, so one unique index covers both.
CREATE TABLE customer_identity (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id        uuid        NOT NULL REFERENCES customer (id),
    origin_customer_id uuid        NOT NULL REFERENCES customer (id),
    type               text        NOT NULL REFERENCES identity_type (code),
    scope_id           uuid        NOT NULL,
    value_key          bytea       NOT NULL,
    value_enc          bytea,
    value_plain        text,
    value_masked       text        NOT NULL,
    flagged            boolean     NOT NULL DEFAULT false,
    seen_customers     int         NOT NULL DEFAULT 1,
    source             text        NOT NULL,
    first_seen_at      timestamptz NOT NULL,
    last_seen_at       timestamptz NOT NULL,
    CONSTRAINT customer_identity_value_stored CHECK (value_enc IS NOT NULL OR value_plain IS NOT NULL)
);
COMMENT ON COLUMN customer_identity.flagged IS 'shared by too many people (or blocked): kept on each customer but never used to link people';
CREATE UNIQUE INDEX customer_identity_key_uq ON customer_identity (type, scope_id, value_key) WHERE NOT flagged;
CREATE UNIQUE INDEX customer_identity_flagged_uq ON customer_identity (type, scope_id, value_key, customer_id) WHERE flagged;
CREATE INDEX customer_identity_customer_idx ON customer_identity (customer_id);
CREATE INDEX customer_identity_origin_idx ON customer_identity (origin_customer_id);
CREATE INDEX customer_identity_value_idx ON customer_identity (value_key);

CREATE TABLE customer_merge (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survivor_id     uuid        NOT NULL REFERENCES customer (id),
    merged_id       uuid        NOT NULL REFERENCES customer (id),
    identity_type   text,
    identity_masked text,
    reason          text        NOT NULL,
    source          text        NOT NULL,
    actor           text,
    survivor_before jsonb       NOT NULL,
    merged_at       timestamptz NOT NULL DEFAULT now(),
    unmerged_at     timestamptz,
    unmerged_by     text
);
CREATE INDEX customer_merge_survivor_idx ON customer_merge (survivor_id, merged_at);
CREATE INDEX customer_merge_merged_idx ON customer_merge (merged_id);

CREATE TABLE identity_conflict (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    status         text        NOT NULL DEFAULT 'OPEN',
    customer_ids   uuid[]      NOT NULL,
    identity_type  text        NOT NULL,
    reason         text        NOT NULL,
    source         text        NOT NULL,
    detail         text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    resolved_at    timestamptz,
    resolved_by    text,
    CONSTRAINT identity_conflict_status_known CHECK (status IN ('OPEN', 'MERGED', 'DISMISSED'))
);
CREATE INDEX identity_conflict_open_idx ON identity_conflict (id) WHERE status = 'OPEN';
