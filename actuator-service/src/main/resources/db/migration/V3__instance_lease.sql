-- One actuator at a time works on an instance, across replicas and rolling deploys (Leases): the holder
-- renews its lease while it works; each new holder gets a higher fence number, and every step of a
-- command (each one stored before the call it precedes) checks the fence in its own transaction.
CREATE TABLE instance_lease (
    instance_id UUID PRIMARY KEY,
    owner       TEXT        NOT NULL,
    fence       BIGINT      NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
