-- When Heroku acknowledged the change (PATCH answered 2xx): verification runs from here, and the
-- change's duration (published in the outcome) is measured from here to verified.
ALTER TABLE command ADD COLUMN changed_at TIMESTAMPTZ;
CREATE INDEX command_instance_decided ON command (instance_id, decided_at DESC);
