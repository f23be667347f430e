-- Identity and access: users, personal API tokens, the append-only audit log.
CREATE TABLE iam_user (
    id                    uuid PRIMARY KEY,
    username              text        NOT NULL,
    display_name          text        NOT NULL,
    email                 text,
    password_hash         text        NOT NULL,
    roles                 text[]      NOT NULL DEFAULT '{}',
    enabled               boolean     NOT NULL DEFAULT true,
    must_change_password  boolean     NOT NULL DEFAULT false,
    failed_logins         int         NOT NULL DEFAULT 0,
    locked_until          timestamptz,
    last_login_at         timestamptz,
    sessions_valid_after  timestamptz NOT NULL DEFAULT '1970-01-01 00:00:00+00',
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT iam_user_roles_known CHECK (roles <@ ARRAY ['ADMIN','OPERATOR','AGENT','SALES','ANALYST']::text[])
);
CREATE UNIQUE INDEX iam_user_username_uq ON iam_user (lower(username));

CREATE TABLE iam_api_token (
    id           uuid PRIMARY KEY,
    user_id      uuid        NOT NULL REFERENCES iam_user (id),
    name         text        NOT NULL,
    prefix       text        NOT NULL,
    secret_hash  bytea       NOT NULL,
    permissions  text[]      NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE UNIQUE INDEX iam_api_token_secret_uq ON iam_api_token (secret_hash);
CREATE INDEX iam_api_token_user_idx ON iam_api_token (user_id, created_at DESC);

CREATE TABLE iam_audit_event (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at    timestamptz NOT NULL DEFAULT now(),
    action         text        NOT NULL,
    actor_id       uuid,
    actor_username text,
    target_type    text,
    target_id      text,
    target_label   text,
    ip             text,
    user_agent     text,
    detail         text
);
CREATE INDEX iam_audit_event_action_idx ON iam_audit_event (action, id DESC);
CREATE INDEX iam_audit_event_actor_idx ON iam_audit_event (lower(actor_username), id DESC);
CREATE INDEX iam_audit_event_time_idx ON iam_audit_event (occurred_at);

CREATE FUNCTION iam_audit_event_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'iam_audit_event is append-only: % is not allowed', TG_OP;
END
$$;
CREATE TRIGGER iam_audit_event_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON iam_audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION iam_audit_event_append_only();
