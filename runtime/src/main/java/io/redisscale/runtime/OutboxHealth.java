package io.redisscale.runtime;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The outbox backlog in readiness: rows waiting, the age of the oldest, and rows quarantined. DOWN only
 * when the outbox cannot be read (the database is down).
 */
@Readiness
@ApplicationScoped
@io.quarkus.runtime.Startup
public class OutboxHealth implements HealthCheck {
    /** Rows waiting, the age of the oldest in seconds, rows quarantined. */
    record Backlog(long rows, double oldestAgeSeconds, long quarantined) {}

    private final AgroalDataSource dataSource;
    private volatile Backlog last;
    private volatile long lastReadNanos;

    public OutboxHealth(AgroalDataSource dataSource, io.micrometer.core.instrument.MeterRegistry meters) {
        this.dataSource = dataSource;
        // Read at scrape time, at most once per few seconds for the three of them (and readiness).
        io.micrometer.core.instrument.Gauge.builder("autoscaler.outbox.backlog", this, h -> h.gauge(Backlog::rows))
                .description("outbox rows not yet published").register(meters);
        io.micrometer.core.instrument.Gauge.builder("autoscaler.outbox.oldest.age", this, h -> h.gauge(Backlog::oldestAgeSeconds))
                .baseUnit("seconds").description("age of the oldest outbox row").register(meters);
        io.micrometer.core.instrument.Gauge.builder("autoscaler.outbox.quarantined", this, h -> h.gauge(Backlog::quarantined))
                .description("outbox rows the broker refused for good").register(meters);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("outbox");
        try {
            Backlog b = backlog();
            return r.up().withData("rows", b.rows()).withData("oldest_age_seconds", Math.round(b.oldestAgeSeconds()))
                    .withData("quarantined", b.quarantined()).build();
        } catch (SQLException e) {
            return r.down().withData("error", e.getClass().getSimpleName()
                    + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")")).build();
        }
    }

    private double gauge(java.util.function.ToDoubleFunction<Backlog> value) {
        try {
            return value.applyAsDouble(backlog());
        } catch (SQLException e) {
            return Double.NaN; // the database is down: no figure, not a zero
        }
    }

    private Backlog backlog() throws SQLException {
        Backlog held = last;
        if (held != null && System.nanoTime() - lastReadNanos < 2_000_000_000L) {
            return held;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0), "
                     + "(SELECT count(*) FROM outbox_quarantine) FROM outbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            Backlog b = new Backlog(rs.getLong(1), rs.getDouble(2), rs.getLong(3));
            last = b;
            lastReadNanos = System.nanoTime();
            return b;
        }
    }
}
