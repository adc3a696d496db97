-- What each change cost in availability (Availability as JSON), probed while it ran; null: nothing sent or probed.
ALTER TABLE command ADD COLUMN availability text;
-- The provider the change went through: changes are compared by provider and plan step (GET /api/v1/providers/stats).
ALTER TABLE command ADD COLUMN provider text;
CREATE INDEX command_provider_step ON command (provider, from_plan, to_plan) WHERE outcome = 'succeeded';
