-- AWS ElastiCache (provider elasticache): the replication group and its region.
ALTER TABLE instance ADD COLUMN replication_group_id text;
ALTER TABLE instance ADD COLUMN region text;
