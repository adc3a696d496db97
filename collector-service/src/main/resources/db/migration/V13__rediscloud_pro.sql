-- Redis Cloud Pro (provider rediscloud): the database within the subscription.
ALTER TABLE instance ADD COLUMN database_id text;
