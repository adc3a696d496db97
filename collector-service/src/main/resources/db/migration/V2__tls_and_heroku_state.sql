ALTER TABLE instance ADD COLUMN tls_allow_self_signed BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE instance ADD COLUMN last_polled_at TIMESTAMPTZ;
