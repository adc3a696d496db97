-- One row per event handled: the deduplication key, and what became of its email.
CREATE TABLE notification (
    event_id    UUID PRIMARY KEY,
    instance_id UUID        NOT NULL,
    kind        TEXT        NOT NULL,
    recipients  TEXT        NOT NULL,
    subject     TEXT,
    status      TEXT        NOT NULL,   -- sent, suppressed (emails off, not wanted, no recipient)
    detail      TEXT,
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX notification_instance_at ON notification (instance_id, at DESC);
