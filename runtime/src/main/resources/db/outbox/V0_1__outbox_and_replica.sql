-- Shared by every service, each in its own schema (Flyway location classpath:db/outbox).
-- Rows written in the same transaction as the service's own state; the relay publishes and deletes them.
CREATE TABLE outbox (
    id         BIGSERIAL PRIMARY KEY,
    topic      TEXT        NOT NULL,
    msg_key    TEXT        NOT NULL,
    payload    TEXT,                  -- null: a tombstone
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The latest value of each key of a compacted topic (instances, plans), as this service last read it.
CREATE TABLE replica (
    topic      TEXT        NOT NULL,
    msg_key    TEXT        NOT NULL,
    payload    TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, msg_key)
);
