-- The keys a tombstone removed from the replica, and when: a consumer tells an instance deleted (drop the
-- work) from one whose event has not reached this service yet (retry), runtime Replica.deleted.
CREATE TABLE replica_tombstone (
    topic      TEXT        NOT NULL,
    msg_key    TEXT        NOT NULL,
    deleted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, msg_key)
);
