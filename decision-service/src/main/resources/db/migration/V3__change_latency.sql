-- How long plan changes really take (PATCH to verified, from the actuator's outcomes), per service and
-- plan pair: the trend rule's horizon uses it instead of the configured guess once one is measured.
CREATE TABLE change_latency (
    service     TEXT        NOT NULL,
    from_plan   TEXT        NOT NULL,
    to_plan     TEXT        NOT NULL,
    ewma_ms     BIGINT      NOT NULL,   -- exponentially weighted mean, weight 0.3 on the newest
    last_ms     BIGINT      NOT NULL,
    outcomes    INTEGER     NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (service, from_plan, to_plan)
);
