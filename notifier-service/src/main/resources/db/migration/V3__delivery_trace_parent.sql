-- The W3C traceparent of the event that queued the delivery (runtime tracing.Traces): the email or webhook call
-- is sent later, by the delivery worker, and its span goes on that event's trace.
ALTER TABLE delivery ADD COLUMN trace_parent TEXT;
