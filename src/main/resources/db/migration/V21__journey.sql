-- Journeys: definitions (a draft and frozen versions), enrolments with their due times, per-node counters,
-- conversions (attribution), staff tasks and outgoing webhooks created by journeys, and the feeds' positions.
CREATE TABLE journey (
    id              uuid        PRIMARY KEY,
    name            text        NOT NULL,
    description     text,
    status          text        NOT NULL DEFAULT 'draft',
    draft           jsonb       NOT NULL,
    draft_changed   boolean     NOT NULL DEFAULT true,
    current_version integer,
    entry_kind      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      text,
    CONSTRAINT journey_status_known CHECK (status IN ('draft', 'active', 'paused', 'stopped'))
);
CREATE UNIQUE INDEX journey_name_key ON journey (lower(name));

CREATE TABLE journey_version (
    journey_id   uuid        NOT NULL REFERENCES journey (id) ON DELETE CASCADE,
    version      integer     NOT NULL,
    definition   jsonb       NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    published_by text,
    -- the next run of a scheduled segment send (null: none due)
    next_send_at timestamptz,
    PRIMARY KEY (journey_id, version)
);

CREATE TABLE journey_enrolment (
    id            uuid        PRIMARY KEY,
    journey_id    uuid        NOT NULL REFERENCES journey (id) ON DELETE CASCADE,
    version       integer     NOT NULL,
    customer_id   uuid        NOT NULL,
    -- makes one trigger enrol a customer once: 'once' for journeys entered once, else the trigger's key
    entry_slot    text        NOT NULL,
    state         text        NOT NULL DEFAULT 'active',
    node_id       text        NOT NULL,
    -- when the engine runs this enrolment next (a step to take, a wait or a timeout ending); null once finished
    due_at        timestamptz,
    -- set while waiting at a wait node: since when
    wait_since    timestamptz,
    -- what a wait-for-event node waits for: {eventType, customName, filters}
    wait_event    jsonb,
    variant       text,
    coupon_code   text,
    last_touch_at timestamptz,
    entered_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    converted_at  timestamptz,
    steps         integer     NOT NULL DEFAULT 0,
    -- failed attempts of the current step (reset when it succeeds)
    attempts      integer     NOT NULL DEFAULT 0,
    last_error    text,
    CONSTRAINT journey_enrolment_state_known CHECK (state IN ('active', 'completed', 'exited', 'converted')),
    CONSTRAINT journey_enrolment_once UNIQUE (journey_id, customer_id, entry_slot)
);
CREATE INDEX journey_enrolment_due_idx ON journey_enrolment (due_at) WHERE state = 'active';
CREATE INDEX journey_enrolment_customer_idx ON journey_enrolment (customer_id, entered_at DESC);
CREATE INDEX journey_enrolment_journey_idx ON journey_enrolment (journey_id, state, node_id);
CREATE INDEX journey_enrolment_waiting_idx ON journey_enrolment (customer_id) WHERE wait_event IS NOT NULL;

CREATE TABLE journey_node_stat (
    journey_id uuid    NOT NULL REFERENCES journey (id) ON DELETE CASCADE,
    version    integer NOT NULL,
    node_id    text    NOT NULL,
    entered    bigint  NOT NULL DEFAULT 0,
    passed     bigint  NOT NULL DEFAULT 0,
    exited     bigint  NOT NULL DEFAULT 0,
    converted  bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (journey_id, version, node_id)
);

-- an order attributed to an enrolment (at most once per enrolment and order)
CREATE TABLE journey_conversion (
    enrolment_id uuid          NOT NULL REFERENCES journey_enrolment (id) ON DELETE CASCADE,
    journey_id   uuid          NOT NULL,
    order_ref    text          NOT NULL,
    amount       numeric(14,2) NOT NULL,
    currency     text,
    ordered_at   timestamptz   NOT NULL,
    variant      text,
    PRIMARY KEY (enrolment_id, order_ref)
);
CREATE INDEX journey_conversion_journey_idx ON journey_conversion (journey_id);

CREATE TABLE journey_task (
    id           uuid        PRIMARY KEY,
    idem_key     text        NOT NULL UNIQUE,
    journey_id   uuid        NOT NULL REFERENCES journey (id) ON DELETE CASCADE,
    enrolment_id uuid        NOT NULL,
    customer_id  uuid        NOT NULL,
    title        text        NOT NULL,
    description  text,
    assignee     text,
    due_at       timestamptz NOT NULL,
    status       text        NOT NULL DEFAULT 'open',
    created_at   timestamptz NOT NULL DEFAULT now(),
    done_at      timestamptz,
    done_by      text,
    CONSTRAINT journey_task_status_known CHECK (status IN ('open', 'done'))
);
CREATE INDEX journey_task_open_idx ON journey_task (status, due_at);

CREATE TABLE journey_webhook (
    id            uuid        PRIMARY KEY,
    idem_key      text        NOT NULL UNIQUE,
    journey_id    uuid        NOT NULL,
    url           text        NOT NULL,
    secret        text,
    body          text        NOT NULL,
    status        text        NOT NULL DEFAULT 'queued',
    attempts      integer     NOT NULL DEFAULT 0,
    next_at       timestamptz NOT NULL DEFAULT now(),
    lease_until   timestamptz,
    last_error    text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    sent_at       timestamptz,
    CONSTRAINT journey_webhook_status_known CHECK (status IN ('queued', 'sending', 'sent', 'dead'))
);
CREATE INDEX journey_webhook_due_idx ON journey_webhook (next_at) WHERE status IN ('queued', 'sending');

-- positions of the feeds the triggers read (behaviour events by received time, segment changes by seq, ...)
CREATE TABLE journey_feed (
    name     text PRIMARY KEY,
    seq      bigint,
    at       timestamptz
);
INSERT INTO journey_feed (name) VALUES ('events'), ('segments');
