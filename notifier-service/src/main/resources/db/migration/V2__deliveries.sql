-- Every email or webhook call to make, stored in the same transaction as the event's notification row,
-- so the Kafka offset is committed only once it is safely here. A worker sends what is due and retries
-- with backoff; messages inside an instance's burst interval are held and go out as one digest.
CREATE TABLE delivery (
    id              BIGSERIAL PRIMARY KEY,
    event_id        UUID        NOT NULL,
    instance_id     UUID        NOT NULL,
    kind            TEXT        NOT NULL,
    channel         TEXT        NOT NULL,   -- email | webhook
    status          TEXT        NOT NULL,   -- pending, sent, failed, held, digested
    recipients      TEXT,
    subject         TEXT        NOT NULL,
    text_body       TEXT        NOT NULL,
    html_body       TEXT,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    digest_due_at   TIMESTAMPTZ
);
CREATE INDEX delivery_due ON delivery (status, next_attempt_at);
CREATE INDEX delivery_burst ON delivery (instance_id, kind, channel, created_at DESC);
