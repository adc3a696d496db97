-- Live state shown by GET /api/v1/instances/{id}: the last scale command and how it ended.
ALTER TABLE instance ADD COLUMN last_decision_at  TIMESTAMPTZ;
ALTER TABLE instance ADD COLUMN last_decision     TEXT;        -- JSON of DecisionView, without the outcome
ALTER TABLE instance ADD COLUMN last_outcome_at   TIMESTAMPTZ;
ALTER TABLE instance ADD COLUMN last_outcome      TEXT;        -- succeeded | failed | skipped
ALTER TABLE instance ADD COLUMN last_outcome_note TEXT;        -- Heroku's message or the reason
ALTER TABLE instance ADD COLUMN last_outcome_command UUID; -- the command the last outcome answered
