-- The machine-readable reason beside the sentence (io.redisscale.events.ReasonCode).
ALTER TABLE decision ADD COLUMN reason_code TEXT;
