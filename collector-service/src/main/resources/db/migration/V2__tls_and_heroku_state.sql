ALTER TABLE instance ADD COLUMN tls_allow_self_signed BOOLEAN NOT NULL DEFAULT false;
