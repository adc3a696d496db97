-- One bucket of provider API calls per account (CallBudgets), shared by every actuator replica: Redis Cloud
-- allows about 400 calls a minute per API key. The account is a hash of its key, never the key.
CREATE TABLE call_allowance (
    account     TEXT             PRIMARY KEY,
    tokens      DOUBLE PRECISION NOT NULL,
    refilled_at TIMESTAMPTZ      NOT NULL
);
