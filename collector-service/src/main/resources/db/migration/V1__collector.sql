CREATE TABLE plan (
    name             TEXT PRIMARY KEY,
    service          TEXT             NOT NULL,
    memory_bytes     BIGINT           NOT NULL CHECK (memory_bytes > 0),
    max_connections  INTEGER          NOT NULL CHECK (max_connections = -1 OR max_connections > 0),
    price_month_usd  DOUBLE PRECISION NOT NULL CHECK (price_month_usd >= 0),
    updated_at       TIMESTAMPTZ      NOT NULL DEFAULT now()
);

CREATE TABLE instance (
    id                           UUID PRIMARY KEY,
    name                         TEXT        NOT NULL UNIQUE,
    provider                     TEXT        NOT NULL,
    heroku_app                   TEXT,
    config_var                   TEXT,
    addon_id                     TEXT,
    service                      TEXT        NOT NULL,
    redis_url_sealed             TEXT,       -- AES-GCM sealed; the plain URL is never stored
    redis_url_display            TEXT,       -- the URL without credentials
    plan                         TEXT        NOT NULL REFERENCES plan (name),
    metric_rate_seconds          INTEGER     NOT NULL,
    scaling_rate_seconds         INTEGER     NOT NULL,
    memory_threshold_percent     INTEGER     NOT NULL,
    connection_threshold_percent INTEGER     NOT NULL,
    scaling_enabled              BOOLEAN     NOT NULL,
    dry_run                      BOOLEAN     NOT NULL,
    min_plan                     TEXT        NOT NULL REFERENCES plan (name),
    max_plan                     TEXT        NOT NULL REFERENCES plan (name),
    notify_threshold_breach      BOOLEAN     NOT NULL,
    notify_scaling_success       BOOLEAN     NOT NULL,
    notify_scaling_failure       BOOLEAN     NOT NULL,
    recipients                   TEXT        NOT NULL,  -- comma-separated
    consecutive_failures         INTEGER     NOT NULL DEFAULT 0,
    reachable                    BOOLEAN,
    created_at                   TIMESTAMPTZ NOT NULL,
    updated_at                   TIMESTAMPTZ NOT NULL
);

CREATE TABLE metric_sample (
    id                   BIGSERIAL PRIMARY KEY,
    instance_id          UUID        NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
    at                   TIMESTAMPTZ NOT NULL,
    status               TEXT        NOT NULL,
    error_class          TEXT,
    used_memory          BIGINT,
    connected_clients    INTEGER,
    plan                 TEXT        NOT NULL,
    maxmemory            BIGINT,
    maxclients           INTEGER,
    evicted_keys         BIGINT,
    rejected_connections BIGINT
);
CREATE INDEX metric_sample_instance_at ON metric_sample (instance_id, at DESC);
