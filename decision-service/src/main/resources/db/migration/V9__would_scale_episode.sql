-- A dry-run (or scaling-off) episode is told once when it starts and once when it ends: the open one's target.
ALTER TABLE instance_state ADD COLUMN would_scale_target TEXT;
