-- A sample lives in one of two places: its poll's row in sample_recent while its hour is open, then packed with
-- the rest of its hour into one sample_block row (SamplePacker): one row per instance, UTC hour and what stays
-- the same over it (status, plan, limits), the readings in arrays. A day of one instance at 30 s is 24 such
-- rows (PostgreSQL compresses arrays past 2 kB), about 50 kB, instead of 2,880 rows of about 200 bytes.
-- metric_sample is the view every reader uses: both, one row per sample, as before.
ALTER TABLE metric_sample RENAME TO sample_recent;
ALTER INDEX metric_sample_instance_at RENAME TO sample_recent_instance_at;
ALTER SEQUENCE metric_sample_id_seq RENAME TO sample_recent_id_seq;

CREATE TABLE sample_block (
    id                   BIGSERIAL PRIMARY KEY,
    instance_id          UUID        NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
    hour                 TIMESTAMPTZ NOT NULL,  -- the UTC hour its samples were taken in
    status               TEXT        NOT NULL,
    error_class          TEXT,
    plan                 TEXT        NOT NULL,
    maxmemory            BIGINT,
    maxclients           INTEGER,
    at_us                BIGINT[]    NOT NULL,  -- each sample's time, microseconds after the hour, ascending
    used_memory          BIGINT[]    NOT NULL,  -- then each sample's readings, in the same order
    connected_clients    INTEGER[]   NOT NULL,
    evicted_keys         BIGINT[]    NOT NULL,
    rejected_connections BIGINT[]    NOT NULL
);
CREATE INDEX sample_block_instance_hour ON sample_block (instance_id, hour);
-- Block rows get ids below zero (the block's id and the sample's place in it), so no two rows share one.
CREATE VIEW metric_sample AS
SELECT id, instance_id, at, status, error_class, used_memory, connected_clients, plan, maxmemory, maxclients,
       evicted_keys, rejected_connections
FROM sample_recent
UNION ALL
SELECT -(b.id * 1000000 + u.n), b.instance_id, b.hour + u.at_us * interval '1 microsecond', b.status, b.error_class,
       u.used_memory, u.connected_clients, b.plan, b.maxmemory, b.maxclients, u.evicted_keys, u.rejected_connections
FROM sample_block b
CROSS JOIN LATERAL unnest(b.at_us, b.used_memory, b.connected_clients, b.evicted_keys, b.rejected_connections)
    WITH ORDINALITY AS u (at_us, used_memory, connected_clients, evicted_keys, rejected_connections, n);

-- Each poll updates its instance's row (last poll, failures): with half of each page free the update is a HOT
-- update on the same page, not a new index entry and a dead row for a vacuum (as instance_state in the decision service).
ALTER TABLE instance SET (fillfactor = 50);
