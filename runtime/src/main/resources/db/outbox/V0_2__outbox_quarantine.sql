-- Rows the broker refused for good (too large, invalid topic): set aside so they stop no other row.
CREATE TABLE outbox_quarantine (
    id             BIGINT      PRIMARY KEY,
    topic          TEXT        NOT NULL,
    msg_key        TEXT        NOT NULL,
    payload        TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    quarantined_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    reason         TEXT        NOT NULL
);
