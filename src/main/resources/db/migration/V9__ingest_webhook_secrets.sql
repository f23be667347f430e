-- Webhook signing secrets, one per shop (for example the secret Shopify signs its webhooks with). The secret is
-- a credential: stored only as AES-256-GCM ciphertext by the PII vault (kind SECRET), with a hint (its last four
-- characters) for display. platform is the shop's platform when the secret was set.
CREATE TABLE shop_webhook_secret (
    shop_id     uuid PRIMARY KEY REFERENCES shop (id),
    platform    text        NOT NULL,
    secret_enc  bytea       NOT NULL,
    secret_hint text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text
);
