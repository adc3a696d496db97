-- A batch of samples reads its instances' states without locking them and writes back only the changed
-- ones, each on the version it read: a concurrent writer (an outcome, the missing-data check, another
-- replica during a rebalance) makes the update find no row, and the batch is judged again on fresh state.
ALTER TABLE instance_state ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
