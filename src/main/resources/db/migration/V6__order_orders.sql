-- Orders, their items and refunds. customer_id is the customer who owns the order now (NULL for a guest order);
-- origin_customer_id the customer it was first attributed to, which decides where it goes back on unmerge.
-- Receiver details are personal data: stored encrypted by the PII vault, with a masked copy for display.
CREATE TABLE sales_order (
    id                     uuid PRIMARY KEY,
    shop_id                uuid          NOT NULL REFERENCES shop (id),
    external_id            text          NOT NULL,
    customer_id            uuid,
    origin_customer_id     uuid,
    status                 text          NOT NULL,
    currency               char(3)       NOT NULL,
    item_total             numeric(18, 4) NOT NULL DEFAULT 0,
    discount               numeric(18, 2) NOT NULL DEFAULT 0,
    shipping               numeric(18, 2) NOT NULL DEFAULT 0,
    paid_amount            numeric(18, 2),
    refunded_amount        numeric(18, 2) NOT NULL DEFAULT 0,
    ordered_at             timestamptz   NOT NULL,
    paid_at                timestamptz,
    shipped_at             timestamptz,
    delivered_at           timestamptz,
    completed_at           timestamptz,
    cancelled_at           timestamptz,
    buyer_remark           text,
    receiver_name_enc      bytea,
    receiver_phone_enc     bytea,
    receiver_address_enc   bytea,
    receiver_masked        text,
    receiver_province      text,
    receiver_city          text,
    source                 text          NOT NULL,
    content_hash           bytea,
    created_at             timestamptz   NOT NULL DEFAULT now(),
    updated_at             timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT sales_order_status_known CHECK (status IN ('created', 'paid', 'shipped', 'delivered', 'completed',
                                                          'cancelled', 'refunded', 'partially_refunded')),
    CONSTRAINT sales_order_refund_sane CHECK (refunded_amount >= 0)
);
COMMENT ON COLUMN sales_order.content_hash IS 'hash of the order as last received: an identical re-send changes nothing';
CREATE UNIQUE INDEX sales_order_external_uq ON sales_order (shop_id, external_id);
CREATE INDEX sales_order_customer_idx ON sales_order (customer_id, ordered_at DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX sales_order_origin_idx ON sales_order (origin_customer_id) WHERE origin_customer_id IS NOT NULL;
CREATE INDEX sales_order_time_idx ON sales_order (ordered_at);

CREATE TABLE order_item (
    order_id     uuid           NOT NULL REFERENCES sales_order (id) ON DELETE CASCADE,
    line_no      int            NOT NULL,
    sku          text,
    product_id   text,
    product_name text,
    category     text,
    quantity     int            NOT NULL,
    unit_price   numeric(18, 4) NOT NULL,
    amount       numeric(18, 4) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_item_sku_idx ON order_item (sku);

CREATE TABLE refund (
    id          uuid PRIMARY KEY,
    order_id    uuid          NOT NULL REFERENCES sales_order (id) ON DELETE CASCADE,
    external_id text          NOT NULL,
    amount      numeric(18, 2) NOT NULL,
    reason      text,
    refunded_at timestamptz   NOT NULL,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT refund_amount_positive CHECK (amount > 0)
);
CREATE UNIQUE INDEX refund_external_uq ON refund (order_id, external_id);

CREATE TABLE product (
    id                  uuid PRIMARY KEY,
    shop_id             uuid        NOT NULL REFERENCES shop (id),
    sku                 text        NOT NULL,
    platform_product_id text,
    title               text,
    category_path       text[],
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX product_sku_uq ON product (shop_id, sku);
