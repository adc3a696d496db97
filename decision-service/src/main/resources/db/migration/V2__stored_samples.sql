-- The samples the decision service judged, kept a day and a bit so a restart or a rebalance rebuilds
-- each window (and the daily profile) before deciding again.
CREATE TABLE window_sample (
    instance_id       UUID        NOT NULL,
    at                TIMESTAMPTZ NOT NULL,
    payload           TEXT        NOT NULL,
    PRIMARY KEY (instance_id, at)
);
CREATE INDEX window_sample_at ON window_sample (at);

ALTER TABLE instance_state ADD COLUMN last_good_sample_at TIMESTAMPTZ;
ALTER TABLE instance_state ADD COLUMN data_missing_open BOOLEAN NOT NULL DEFAULT FALSE;
