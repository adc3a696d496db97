-- One row per command id: the idempotency key. A redelivered command finds its row and does nothing.
CREATE TABLE command (
    command_id   UUID PRIMARY KEY,
    instance_id  UUID        NOT NULL,
    from_plan    TEXT        NOT NULL,
    to_plan      TEXT        NOT NULL,
    direction    TEXT        NOT NULL,
    decided_at   TIMESTAMPTZ NOT NULL,
    payload      TEXT        NOT NULL,
    state        TEXT        NOT NULL,   -- received, executing, verifying, done
    outcome      TEXT,                   -- succeeded, failed, skipped
    detail       TEXT,
    received_at  TIMESTAMPTZ NOT NULL,
    started_at   TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ,
    duration_ms  BIGINT
);
CREATE INDEX command_instance ON command (instance_id, received_at DESC);

-- Each call made to carry a command out, for the record.
CREATE TABLE attempt (
    id          BIGSERIAL PRIMARY KEY,
    command_id  UUID        NOT NULL REFERENCES command (command_id),
    at          TIMESTAMPTZ NOT NULL,
    action      TEXT        NOT NULL,
    result      TEXT        NOT NULL
);
CREATE INDEX attempt_command ON attempt (command_id, id);
