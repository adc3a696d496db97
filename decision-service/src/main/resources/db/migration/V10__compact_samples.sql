-- The samples judged are kept in two shapes. window_sample holds each sample's fields in columns (it held the
-- sample's JSON, about 450 bytes) for as long as a window reaches back from the instance's newest one; then
-- SampleStore.pack moves what the daily profile needs of it (the answered polls' time, memory and connections)
-- into profile_block, a row per instance and UTC hour with those in arrays, for the 25 hours the profile looks
-- back. Samples stored before this migration are moved over once.
CREATE TABLE window_sample_v10 (
    instance_id          UUID        NOT NULL,
    at                   TIMESTAMPTZ NOT NULL,
    event_id             UUID        NOT NULL,
    status               TEXT        NOT NULL,
    error_class          TEXT,
    used_memory          BIGINT,
    connected_clients    INTEGER,
    plan                 TEXT        NOT NULL,
    plan_memory          BIGINT      NOT NULL,
    plan_max_connections INTEGER     NOT NULL,
    maxmemory            BIGINT,
    maxclients           INTEGER,
    evicted_keys         BIGINT,
    rejected_connections BIGINT,
    PRIMARY KEY (instance_id, at)
);
INSERT INTO window_sample_v10
SELECT instance_id, at, (payload::jsonb ->> 'eventId')::uuid, payload::jsonb ->> 'status', payload::jsonb ->> 'errorClass',
       (payload::jsonb ->> 'usedMemoryBytes')::bigint, (payload::jsonb ->> 'connectedClients')::integer, payload::jsonb ->> 'plan',
       (payload::jsonb ->> 'planMemoryBytes')::bigint, (payload::jsonb ->> 'planMaxConnections')::integer,
       (payload::jsonb ->> 'maxmemoryBytes')::bigint, (payload::jsonb ->> 'maxclients')::integer,
       (payload::jsonb ->> 'evictedKeys')::bigint, (payload::jsonb ->> 'rejectedConnections')::bigint
FROM window_sample;
DROP TABLE window_sample;
ALTER TABLE window_sample_v10 RENAME TO window_sample;
ALTER INDEX window_sample_v10_pkey RENAME TO window_sample_pkey;

CREATE TABLE profile_block (
    instance_id       UUID        NOT NULL,
    hour              TIMESTAMPTZ NOT NULL,
    at_us             BIGINT[]    NOT NULL,  -- microseconds after the hour, ascending
    used_memory       BIGINT[]    NOT NULL,
    connected_clients INTEGER[]   NOT NULL
);
-- Not unique: a late sample of an hour already packed makes a second row of that hour.
CREATE INDEX profile_block_instance_hour ON profile_block (instance_id, hour);
