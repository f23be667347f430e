-- Behaviour events, partitioned by month of occurred_at (partitions are created on demand by the application).
-- The client's event id (with the time it reports) is the key, so a retried batch stores nothing twice.
CREATE TABLE behaviour_event (
    event_id           text        NOT NULL,
    occurred_at        timestamptz NOT NULL,
    type               text        NOT NULL,
    custom_name        text,
    customer_id        uuid,
    origin_customer_id uuid,
    anonymous_id       text,
    shop_id            uuid,
    properties         jsonb       NOT NULL DEFAULT '{}',
    source             text        NOT NULL,
    received_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT behaviour_event_pk PRIMARY KEY (event_id, occurred_at),
    CONSTRAINT behaviour_event_type_known CHECK (type IN ('page_view', 'product_view', 'search', 'add_to_cart',
        'remove_from_cart', 'favorite', 'checkout_started', 'coupon_received', 'live_view', 'review', 'share', 'custom')),
    CONSTRAINT behaviour_event_custom_named CHECK ((type = 'custom') = (custom_name IS NOT NULL)),
    CONSTRAINT behaviour_event_has_subject CHECK (customer_id IS NOT NULL OR anonymous_id IS NOT NULL)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX behaviour_event_customer_idx ON behaviour_event (customer_id, occurred_at DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX behaviour_event_origin_idx ON behaviour_event (origin_customer_id) WHERE origin_customer_id IS NOT NULL;
CREATE INDEX behaviour_event_anonymous_idx ON behaviour_event (anonymous_id, occurred_at DESC) WHERE anonymous_id IS NOT NULL;
