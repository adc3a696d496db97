-- Change latency is learnt per provider too: an ElastiCache node change takes minutes, a local CONFIG SET none,
-- on the same catalog. Rows learnt before carry the provider '' and are no longer read: learnt again per provider.
ALTER TABLE change_latency ADD COLUMN provider TEXT NOT NULL DEFAULT '';
ALTER TABLE change_latency DROP CONSTRAINT change_latency_pkey;
ALTER TABLE change_latency ADD PRIMARY KEY (provider, service, from_plan, to_plan);
