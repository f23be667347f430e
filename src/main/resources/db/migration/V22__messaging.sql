-- Messaging: channels, templates, consent, suppression lists, settings (caps, quiet hours, retries) and the
-- delivery queue. Channel configurations hold credentials, so each is stored only as AES-256-GCM ciphertext by the
-- PII vault (kind SECRET), as is the channel's callback token. Addresses of deliveries and suppressions are stored
-- encrypted with a blind index (the vault's fingerprint) for exact look-up, and masked for display.

CREATE TABLE msg_channel (
    id                 uuid PRIMARY KEY,
    type               text        NOT NULL,
    name               text        NOT NULL,
    enabled            boolean     NOT NULL DEFAULT true,
    rate_per_second    integer     NOT NULL DEFAULT 10,
    config_enc         bytea       NOT NULL,
    callback_token_enc bytea       NOT NULL,
    -- the send-rate window of all instances: the second and how many messages went out in it
    rate_second        timestamptz,
    rate_used          integer     NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now(),
    created_by         text,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    updated_by         text,
    CONSTRAINT msg_channel_type_known CHECK (type IN ('email', 'sms_aliyun', 'sms_tencent', 'wecom_robot', 'webhook',
                                                      'push_webhook')),
    CONSTRAINT msg_channel_rate_positive CHECK (rate_per_second > 0)
);
CREATE UNIQUE INDEX msg_channel_name_uq ON msg_channel (lower(name));

CREATE TABLE msg_template (
    id                uuid PRIMARY KEY,
    channel_id        uuid        NOT NULL REFERENCES msg_channel (id),
    purpose           text        NOT NULL,
    name              text        NOT NULL,
    subject           text,
    body              text        NOT NULL,
    sms_template_code text,
    -- [{"name": "code", "value": "{{coupon.code}}"}, ...]: the provider template's parameters, in order
    sms_params        jsonb       NOT NULL DEFAULT '[]',
    status            text        NOT NULL DEFAULT 'active',
    created_at        timestamptz NOT NULL DEFAULT now(),
    created_by        text,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    updated_by        text,
    CONSTRAINT msg_template_purpose_known CHECK (purpose IN ('marketing', 'service')),
    CONSTRAINT msg_template_status_known CHECK (status IN ('active', 'archived'))
);
CREATE INDEX msg_template_name_idx ON msg_template (lower(name), id);

-- The current consent per customer, channel and purpose; absent = the default policy applies.
CREATE TABLE msg_consent (
    customer_id        uuid        NOT NULL,
    origin_customer_id uuid        NOT NULL,
    channel            text        NOT NULL,
    purpose            text        NOT NULL,
    status             text        NOT NULL,
    source             text        NOT NULL,
    changed_at         timestamptz NOT NULL,
    changed_by         text,
    PRIMARY KEY (customer_id, channel, purpose),
    CONSTRAINT msg_consent_channel_known CHECK (channel IN ('email', 'sms', 'wecom', 'push', 'webhook')),
    CONSTRAINT msg_consent_purpose_known CHECK (purpose IN ('marketing', 'service')),
    CONSTRAINT msg_consent_status_known CHECK (status IN ('opted_in', 'opted_out'))
);

-- Every consent change, append-only.
CREATE TABLE msg_consent_change (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id        uuid        NOT NULL,
    origin_customer_id uuid        NOT NULL,
    channel            text        NOT NULL,
    purpose            text        NOT NULL,
    status             text        NOT NULL,
    source             text        NOT NULL,
    changed_at         timestamptz NOT NULL,
    changed_by         text
);
CREATE INDEX msg_consent_change_customer_idx ON msg_consent_change (customer_id, id);
CREATE INDEX msg_consent_change_origin_idx ON msg_consent_change (origin_customer_id);

CREATE TABLE msg_suppression (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel        text        NOT NULL,
    address_key    text        NOT NULL,
    address_enc    bytea,
    address_masked text        NOT NULL,
    reason         text        NOT NULL,
    source         text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    created_by     text,
    CONSTRAINT msg_suppression_channel_known CHECK (channel IN ('email', 'sms', 'wecom', 'push', 'webhook')),
    CONSTRAINT msg_suppression_reason_known CHECK (reason IN ('hard_bounce', 'complaint', 'unsubscribed', 'manual',
                                                              'invalid'))
);
CREATE UNIQUE INDEX msg_suppression_address_uq ON msg_suppression (channel, address_key);

-- One row: frequency caps, quiet hours, retries and the shop name of templates (JSON, see MessagingSettings).
CREATE TABLE msg_settings (
    id         integer PRIMARY KEY DEFAULT 1,
    settings   jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text,
    CONSTRAINT msg_settings_one_row CHECK (id = 1)
);

-- The delivery log and queue: append-heavy, so partitioned by month of creation (a default partition catches
-- anything before its month was created). The idempotency key is unique through msg_delivery_key, since a unique
-- index on a partitioned table must hold the partition key.
CREATE TABLE msg_delivery (
    id                  uuid        NOT NULL,
    idempotency_key     text        NOT NULL,
    customer_id         uuid        NOT NULL,
    origin_customer_id  uuid        NOT NULL,
    template_id         uuid        NOT NULL REFERENCES msg_template (id),
    channel_id          uuid        NOT NULL REFERENCES msg_channel (id),
    channel             text        NOT NULL,
    purpose             text        NOT NULL,
    address_enc         bytea,
    address_key         text,
    address_masked      text,
    subject             text,
    body                text,
    provider_params     jsonb,
    status              text        NOT NULL,
    skip_reason         text,
    attempts            integer     NOT NULL DEFAULT 0,
    not_before          timestamptz NOT NULL,
    next_attempt_at     timestamptz,
    lease_until         timestamptz,
    provider_message_id text,
    provider_receipt    text,
    error               text,
    source              text        NOT NULL,
    source_ref          text,
    sent_at             timestamptz,
    delivered_at        timestamptz,
    opened_at           timestamptz,
    clicked_at          timestamptz,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    PRIMARY KEY (id, created_at),
    CONSTRAINT msg_delivery_status_known CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'skipped',
                                                           'dead')),
    CONSTRAINT msg_delivery_purpose_known CHECK (purpose IN ('marketing', 'service'))
) PARTITION BY RANGE (created_at);
CREATE TABLE msg_delivery_default PARTITION OF msg_delivery DEFAULT;
-- the dispatcher's claim: due rows only
CREATE INDEX msg_delivery_due_idx ON msg_delivery (next_attempt_at) WHERE status IN ('queued', 'failed', 'sending');
-- frequency caps: a customer's marketing touches by time
CREATE INDEX msg_delivery_touch_idx ON msg_delivery (customer_id, not_before)
    WHERE purpose = 'marketing' AND status IN ('queued', 'sending', 'sent', 'delivered', 'failed');
CREATE INDEX msg_delivery_customer_idx ON msg_delivery (customer_id, created_at DESC, id DESC);
CREATE INDEX msg_delivery_origin_idx ON msg_delivery (origin_customer_id);
CREATE INDEX msg_delivery_list_idx ON msg_delivery (created_at DESC, id DESC);
CREATE INDEX msg_delivery_provider_idx ON msg_delivery (channel_id, provider_message_id)
    WHERE provider_message_id IS NOT NULL;

-- Each idempotency key names one delivery, once.
CREATE TABLE msg_delivery_key (
    idempotency_key text PRIMARY KEY,
    delivery_id     uuid        NOT NULL,
    created_at      timestamptz NOT NULL
);
