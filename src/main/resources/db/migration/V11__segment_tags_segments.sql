-- Tags and segments (module segment). Conditions are JSON condition trees (see io.liuliang.segment.Condition),
-- validated by the application and compiled to parameterised SQL.

CREATE TABLE tag (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    kind        text        NOT NULL,
    color       text,
    description text,
    condition   jsonb,
    system_key  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text,
    last_refreshed_at timestamptz,
    CONSTRAINT tag_kind_known CHECK (kind IN ('manual', 'rule', 'system')),
    CONSTRAINT tag_condition_for_rules CHECK ((kind = 'manual') = (condition IS NULL))
);
CREATE UNIQUE INDEX tag_name_uq ON tag (lower(name));
CREATE UNIQUE INDEX tag_system_key_uq ON tag (system_key) WHERE system_key IS NOT NULL;
COMMENT ON COLUMN tag.system_key IS 'stable key of a system tag (high_value, recently_active, dormant, preferred_category:<category>)';

-- One row per tag and origin customer: customer_id is who holds the tag now (a merge moves it to the survivor),
-- origin_customer_id who it was given to, which decides where it goes back on unmerge.
CREATE TABLE customer_tag (
    tag_id             uuid        NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
    origin_customer_id uuid        NOT NULL,
    customer_id        uuid        NOT NULL,
    source             text        NOT NULL,
    tagged_at          timestamptz NOT NULL DEFAULT now(),
    tagged_by          text,
    PRIMARY KEY (tag_id, origin_customer_id),
    CONSTRAINT customer_tag_source_known CHECK (source IN ('manual', 'rule', 'system', 'segment', 'upload'))
);
CREATE INDEX customer_tag_customer_idx ON customer_tag (customer_id, tag_id);
CREATE INDEX customer_tag_tag_customer_idx ON customer_tag (tag_id, customer_id);

CREATE TABLE segment (
    id                uuid PRIMARY KEY,
    name              text        NOT NULL,
    kind              text        NOT NULL,
    condition         jsonb       NOT NULL,
    description       text,
    member_count      bigint      NOT NULL DEFAULT 0,
    last_refreshed_at timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    created_by        text,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    updated_by        text,
    CONSTRAINT segment_kind_known CHECK (kind IN ('dynamic', 'static'))
);
CREATE UNIQUE INDEX segment_name_uq ON segment (lower(name));

-- References between segments (a condition on membership of another segment), kept to forbid cycles and to
-- refresh segments in dependency order.
CREATE TABLE segment_dependency (
    segment_id    uuid NOT NULL REFERENCES segment (id) ON DELETE CASCADE,
    depends_on_id uuid NOT NULL REFERENCES segment (id),
    PRIMARY KEY (segment_id, depends_on_id)
);
CREATE INDEX segment_dependency_target_idx ON segment_dependency (depends_on_id);

CREATE TABLE segment_member (
    segment_id  uuid        NOT NULL REFERENCES segment (id) ON DELETE CASCADE,
    customer_id uuid        NOT NULL,
    entered_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (segment_id, customer_id)
);
CREATE INDEX segment_member_customer_idx ON segment_member (customer_id);

-- Every entry and exit, in order (seq): journeys consume this log by seq.
CREATE TABLE segment_membership_change (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    segment_id  uuid        NOT NULL,
    customer_id uuid        NOT NULL,
    change      text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT segment_membership_change_known CHECK (change IN ('entered', 'exited'))
);
CREATE INDEX segment_membership_change_segment_idx ON segment_membership_change (segment_id, seq DESC);
CREATE INDEX segment_membership_change_customer_idx ON segment_membership_change (customer_id, seq DESC);

-- The size of each segment after every refresh (at most one point per segment and minute is kept).
CREATE TABLE segment_size (
    segment_id uuid        NOT NULL REFERENCES segment (id) ON DELETE CASCADE,
    at         timestamptz NOT NULL,
    size       bigint      NOT NULL,
    PRIMARY KEY (segment_id, at)
);

-- Condition look-ups the segment compiler relies on at 1M customers.
CREATE INDEX customer_metrics_activity_idx ON customer_metrics_base (last_activity_at);
CREATE INDEX customer_metrics_preferred_category_idx ON customer_metrics_base (preferred_category);
CREATE INDEX order_item_category_idx ON order_item (category, order_id);

-- Customers whose segment and rule-tag memberships must be re-checked: written by the listeners in the same
-- transaction as the announcement, drained by the segment worker (FOR UPDATE SKIP LOCKED). events = new behaviour
-- events (checked in memory first), facts = orders, metrics or a merge changed.
CREATE TABLE segment_dirty (
    customer_id uuid PRIMARY KEY,
    events      boolean     NOT NULL DEFAULT false,
    facts       boolean     NOT NULL DEFAULT false,
    marked_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX segment_dirty_marked_idx ON segment_dirty (marked_at);

-- When the periodic full pass last started (one row): with an advisory lock it makes the pass a singleton.
CREATE TABLE segment_full_pass (
    id         int PRIMARY KEY CHECK (id = 1),
    started_at timestamptz NOT NULL
);
