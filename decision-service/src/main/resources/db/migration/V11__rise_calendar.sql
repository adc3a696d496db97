-- Each instance's rise calendar (RiseCalendar): per hour of the day (UTC, hour 0 first) the largest rise from one
-- sample to the next and the largest ratio of a sample to the one before, learnt over the instance's whole history
-- while its samples are kept a day. Written when it learnt something (SampleStore), merged back on a rebuild.
CREATE TABLE rise_calendar (
    instance_id UUID PRIMARY KEY,
    memory_rise BIGINT[] NOT NULL,
    connection_rise INTEGER[] NOT NULL,
    memory_reach DOUBLE PRECISION[] NOT NULL,
    connection_reach DOUBLE PRECISION[] NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
