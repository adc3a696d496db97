-- The W3C traceparent of the span that wrote the event (runtime tracing.Traces): the relay sends it as the
-- record's traceparent header, so the trace goes on in the service that reads it. Null when there is none.
ALTER TABLE outbox ADD COLUMN trace_parent TEXT;
ALTER TABLE outbox_quarantine ADD COLUMN trace_parent TEXT;
