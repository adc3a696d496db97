-- Thresholds change over time like plans: each plan history entry carries the thresholds from its time on, so a
-- chart draws them as they were (null on entries from before: the instance's thresholds then are not known).
ALTER TABLE plan_history ADD COLUMN memory_threshold_percent INTEGER, ADD COLUMN connection_threshold_percent INTEGER;
