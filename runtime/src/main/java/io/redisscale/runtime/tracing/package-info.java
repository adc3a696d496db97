/**
 * Tracing: one trace from the poll that saw a breach to the plan change and the email. {@link io.redisscale.runtime.tracing.Traces}
 * starts the spans and carries their context through the outbox and Kafka headers; {@link io.redisscale.runtime.tracing.TraceExport}
 * reads OpenTelemetry's standard {@code OTEL_*} variables (export is off without an endpoint).
 */
package io.redisscale.runtime.tracing;
