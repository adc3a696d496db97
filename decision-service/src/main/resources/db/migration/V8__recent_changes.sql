-- When each instance's commands of the last day were sent (the daily change budget), kept with the rest of
-- its loop state instead of counted from the decisions on every batch of samples. Filled from them once.
ALTER TABLE instance_state ADD COLUMN recent_changes TIMESTAMPTZ[] NOT NULL DEFAULT '{}';
UPDATE instance_state s SET recent_changes = d.sent
FROM (SELECT instance_id, array_agg(at ORDER BY at) AS sent FROM decision
      WHERE command_id IS NOT NULL AND at > now() - interval '24 hours' GROUP BY instance_id) d
WHERE d.instance_id = s.instance_id;
