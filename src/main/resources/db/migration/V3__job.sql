-- Background jobs: claimed with FOR UPDATE SKIP LOCKED, kept alive by heartbeats, re-queued when a worker dies.
CREATE TABLE job (
    id                uuid PRIMARY KEY,
    seq               bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    type              text        NOT NULL,
    description       text        NOT NULL,
    payload           jsonb       NOT NULL DEFAULT '{}',
    status            text        NOT NULL,
    done              bigint      NOT NULL DEFAULT 0,
    total             bigint,
    done_at_start     bigint      NOT NULL DEFAULT 0,
    checkpoint        jsonb,
    error             text,
    cancel_requested  boolean     NOT NULL DEFAULT false,
    attempts          int         NOT NULL DEFAULT 0,
    max_attempts      int         NOT NULL DEFAULT 3,
    worker_id         text,
    heartbeat_at      timestamptz,
    result_permission text,
    created_by        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    started_at        timestamptz,
    finished_at       timestamptz,
    CONSTRAINT job_status_known CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    CONSTRAINT job_progress_sane CHECK (done >= 0 AND (total IS NULL OR total >= 0))
);
CREATE INDEX job_queued_idx ON job (seq) WHERE status = 'QUEUED';
CREATE INDEX job_running_idx ON job (heartbeat_at) WHERE status = 'RUNNING';
CREATE INDEX job_status_idx ON job (status, seq DESC);
CREATE INDEX job_type_idx ON job (type, seq DESC);

CREATE TABLE job_result (
    job_id       uuid PRIMARY KEY REFERENCES job (id) ON DELETE CASCADE,
    filename     text   NOT NULL,
    content_type text   NOT NULL,
    size_bytes   bigint NOT NULL,
    content      bytea  NOT NULL
);
