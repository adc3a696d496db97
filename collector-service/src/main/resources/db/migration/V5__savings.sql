-- The savings ledger. Samples are kept N_RETENTION_DAYS; what the ledger needs of them lives longer here.

-- Every plan an instance has been on, from when, at the price of the day: what it cost.
CREATE TABLE plan_history (
    id              BIGSERIAL PRIMARY KEY,
    instance_id     UUID             NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
    plan            TEXT             NOT NULL,
    price_month_usd DOUBLE PRECISION NOT NULL,
    from_at         TIMESTAMPTZ      NOT NULL
);
CREATE INDEX plan_history_instance_from ON plan_history (instance_id, from_at);

-- Each instance's peak load per UTC day: which single plan would have held it.
CREATE TABLE usage_day (
    instance_id      UUID    NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
    day              DATE    NOT NULL,
    peak_memory      BIGINT  NOT NULL,
    peak_connections INTEGER NOT NULL,
    PRIMARY KEY (instance_id, day)
);

-- Samples up to this time are folded into usage_day.
CREATE TABLE usage_rollup (
    id    INT         PRIMARY KEY CHECK (id = 1),
    up_to TIMESTAMPTZ NOT NULL
);
INSERT INTO usage_rollup (id, up_to) VALUES (1, '1970-01-01T00:00:00Z');

-- Instances registered before the ledger: on their plan since registration, as far as is known.
INSERT INTO plan_history (instance_id, plan, price_month_usd, from_at)
SELECT i.id, i.plan, p.price_month_usd, i.created_at FROM instance i JOIN plan p ON p.name = i.plan;
