-- Gamified tasks (签到, 分享, 测评, custom events) with a reward per completion and a limit per period, and badges
-- awarded once by rule.
CREATE TABLE loyalty_task (
    id               uuid PRIMARY KEY,
    code             text          NOT NULL UNIQUE,
    name             text          NOT NULL,
    description      text,
    period           text          NOT NULL,
    action           text          NOT NULL,
    event_name       text,
    reward_points    bigint        NOT NULL,
    limit_per_period integer       NOT NULL DEFAULT 1,
    active           boolean       NOT NULL DEFAULT true,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT loyalty_task_period CHECK (period IN ('daily', 'weekly', 'monthly', 'once')),
    CONSTRAINT loyalty_task_action CHECK (action IN ('check_in', 'share', 'review', 'custom_event')),
    CONSTRAINT loyalty_task_event CHECK ((action = 'custom_event') = (event_name IS NOT NULL)),
    CONSTRAINT loyalty_task_sane CHECK (reward_points > 0 AND limit_per_period > 0)
);

-- One row per completion; source_key makes each completion (a request, an event) count once.
CREATE TABLE loyalty_task_completion (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id            uuid          NOT NULL REFERENCES loyalty_task (id) ON DELETE CASCADE,
    customer_id        uuid          NOT NULL,
    origin_customer_id uuid          NOT NULL,
    period_key         text          NOT NULL,
    source_key         text          NOT NULL UNIQUE,
    points             bigint        NOT NULL,
    completed_at       timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX loyalty_task_completion_period_idx ON loyalty_task_completion (customer_id, task_id, period_key);

CREATE TABLE loyalty_badge (
    id          uuid PRIMARY KEY,
    code        text          NOT NULL UNIQUE,
    name        text          NOT NULL,
    description text,
    rule        text          NOT NULL,
    threshold   bigint        NOT NULL,
    active      boolean       NOT NULL DEFAULT true,
    CONSTRAINT loyalty_badge_rule CHECK (rule IN ('points_earned', 'orders', 'reviews', 'tasks_completed')),
    CONSTRAINT loyalty_badge_threshold CHECK (threshold > 0)
);

CREATE TABLE loyalty_badge_award (
    customer_id        uuid          NOT NULL,
    badge_id           uuid          NOT NULL REFERENCES loyalty_badge (id) ON DELETE CASCADE,
    origin_customer_id uuid          NOT NULL,
    awarded_at         timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, badge_id)
);
