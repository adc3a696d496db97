-- The months whose savings report was published: one row each, so replicas and restarts publish it once.
CREATE TABLE savings_report (
    month        TEXT PRIMARY KEY,
    published_at TIMESTAMPTZ NOT NULL
);
