package io.redisscale.collector.dashboard;

import io.redisscale.runtime.SqlValues;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.redisscale.runtime.api.BearerAuth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The dashboard's sessions on the server: each signed cookie has a row, and a session ended here (sign-out,
 * or an operator through the API) is refused though its cookie is still signed and unexpired.
 */
@ApplicationScoped
public class Sessions {
    /** A session as the API lists it. */
    public record Session(String id, String role, Instant createdAt, Instant expiresAt, Instant endedAt) {}

    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    @Transactional
    void started(String id, BearerAuth.Role role, Instant expiresAt) {
        Panache.getEntityManager().createNativeQuery("INSERT INTO dashboard_session (id, role, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, id).setParameter(2, role.name()).setParameter(3, clock.instant()).setParameter(4, expiresAt).executeUpdate();
    }

    /** Whether the session was started here and not ended. */
    @Transactional
    boolean open(String id) {
        return !Panache.getEntityManager().createNativeQuery("SELECT 1 FROM dashboard_session WHERE id = ?1 AND ended_at IS NULL")
                .setParameter(1, id).getResultList().isEmpty();
    }

    /** Ends a session; false when there is no such open session. */
    @Transactional
    public boolean end(String id) {
        return Panache.getEntityManager().createNativeQuery("UPDATE dashboard_session SET ended_at = ?2 WHERE id = ?1 AND ended_at IS NULL")
                .setParameter(1, id).setParameter(2, clock.instant()).executeUpdate() > 0;
    }

    /** The sessions not expired yet, newest first, ended ones included (with when). */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Session> current() {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("SELECT id, role, created_at, expires_at, ended_at "
                + "FROM dashboard_session WHERE expires_at > ?1 ORDER BY created_at DESC").setParameter(1, clock.instant()).getResultList();
        return rows.stream().map(r -> new Session((String) r[0], (String) r[1], SqlValues.instant(r[2]), SqlValues.instant(r[3]),
                SqlValues.instant(r[4]))).toList();
    }

    /** Expired sessions go: their cookies are refused by their expiry anyway. */
    @Scheduled(every = "1h", delayed = "5m")
    @Transactional
    void purge() {
        Panache.getEntityManager().createNativeQuery("DELETE FROM dashboard_session WHERE expires_at < ?1")
                .setParameter(1, clock.instant()).executeUpdate();
    }
}
