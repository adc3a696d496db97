-- Redis Cloud's own API (provider rediscloud): the subscription, and the account's API keys sealed as the URL is.
ALTER TABLE instance ADD COLUMN subscription_id text;
ALTER TABLE instance ADD COLUMN credentials_sealed text;
