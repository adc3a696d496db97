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
public class OutboxHealth implements HealthCheck {
    private final AgroalDataSource dataSource;

    public OutboxHealth(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("outbox");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0), "
                     + "(SELECT count(*) FROM outbox_quarantine) FROM outbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return r.up().withData("rows", rs.getLong(1)).withData("oldest_age_seconds", Math.round(rs.getDouble(2)))
                    .withData("quarantined", rs.getLong(3)).build();
        } catch (SQLException e) {
            return r.down().withData("error", e.getClass().getSimpleName()
                    + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")")).build();
        }
    }
}
