-- Every decision that was not a plain hold, with its reason and inputs.
CREATE TABLE decision (
    id          BIGSERIAL PRIMARY KEY,
    instance_id UUID        NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    action      TEXT        NOT NULL,
    from_plan   TEXT        NOT NULL,
    to_plan     TEXT,
    reason      TEXT        NOT NULL,
    inputs      TEXT,
    command_id  UUID,                -- null when no command was sent (hold, dry run, disabled, cannot scale)
    note        TEXT
);
CREATE INDEX decision_instance_at ON decision (instance_id, at DESC);

-- What must survive a restart: the last change (cooldowns), a command in flight, open alert episodes.
CREATE TABLE instance_state (
    instance_id        UUID PRIMARY KEY,
    last_change_at     TIMESTAMPTZ,
    pending_command_id UUID,
    pending_target     TEXT,
    pending_since      TIMESTAMPTZ,
    breach_open        BOOLEAN NOT NULL DEFAULT FALSE,
    at_max_open        BOOLEAN NOT NULL DEFAULT FALSE
);
