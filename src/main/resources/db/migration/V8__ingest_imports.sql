-- Imports of platform export files. The uploaded file is kept in a PostgreSQL large object so that any instance
-- can run the import job, and nothing accepted is lost if the uploading instance stops.
CREATE TABLE import_run (
    id                 uuid PRIMARY KEY,
    shop_id            uuid        NOT NULL REFERENCES shop (id),
    status             text        NOT NULL,
    profile            text,
    mapping            jsonb,
    job_id             uuid,
    file_name          text        NOT NULL,
    file_size          bigint      NOT NULL,
    file_sha256        bytea       NOT NULL,
    file_oid           oid         NOT NULL,
    format             text,
    header             jsonb,
    sample_rows        jsonb,
    lines_read         bigint      NOT NULL DEFAULT 0,
    lines_accepted     bigint      NOT NULL DEFAULT 0,
    lines_rejected     bigint      NOT NULL DEFAULT 0,
    customers_created  bigint      NOT NULL DEFAULT 0,
    customers_merged   bigint      NOT NULL DEFAULT 0,
    orders_created     bigint      NOT NULL DEFAULT 0,
    orders_updated     bigint      NOT NULL DEFAULT 0,
    orders_unchanged   bigint      NOT NULL DEFAULT 0,
    refunds_created    bigint      NOT NULL DEFAULT 0,
    error              text,
    created_by         text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    started_at         timestamptz,
    finished_at        timestamptz,
    CONSTRAINT import_run_status_known CHECK (status IN ('UPLOADED', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'))
);
CREATE INDEX import_run_created_idx ON import_run (created_at DESC, id DESC);

CREATE TABLE import_reject (
    import_id   uuid   NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
    line_no     bigint NOT NULL,
    column_name text,
    reason      text   NOT NULL,
    raw_line    text,
    CONSTRAINT import_reject_pk PRIMARY KEY (import_id, line_no)
);

-- Parsed, validated lines of a running import (personal data already encrypted). Unlogged: a crash empties it and
-- the job, which is idempotent, starts again from the file.
CREATE UNLOGGED TABLE import_line (
    import_id      uuid           NOT NULL,
    line_no        bigint         NOT NULL,
    order_key      text           NOT NULL,
    record_key     text,
    ordered_at     timestamptz    NOT NULL,
    payload        bytea          NOT NULL,
    CONSTRAINT import_line_pk PRIMARY KEY (import_id, line_no)
);
CREATE INDEX import_line_order_idx ON import_line (import_id, order_key, line_no);
