-- An instance's plan schedule (PlanSchedule as JSON); null: none.
ALTER TABLE instance ADD COLUMN schedule text;
