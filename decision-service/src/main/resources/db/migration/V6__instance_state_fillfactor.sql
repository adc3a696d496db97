-- instance_state is updated in place all day (a row per instance, rewritten every few minutes): half of
-- each page is left free so that an update is a HOT update, written on the same page, its old version
-- pruned there and no new index entry made. Packed full, each update was a new index entry and a dead
-- row that only a vacuum takes away: the lock of a batch's rows read twice as many index entries as rows.
-- (New pages only: an existing table is packed this way when VACUUM FULL rewrites it.)
ALTER TABLE instance_state SET (fillfactor = 50);
