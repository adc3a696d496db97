package io.redisscale.actuator;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One budget of API calls per provider account, shared by every actuator replica: each account's
 * {@link TokenBucket} lives in the {@code call_allowance} table, and taking a call locks its row, so two replicas
 * never spend the same call. Time is the database's clock, which all replicas share. Accounts are named by a hash
 * of their key ({@link #account}), never the key.
 */
@ApplicationScoped
class CallBudgets {
    private final Sleeper sleeper;

    CallBudgets(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    /** The account's name in the table: the provider and a hash of the key that identifies the account. */
    static String account(String provider, String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return provider + ":" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Waits until the account has a call left, and takes it. */
    void take(String account, TokenBucket.Rate rate) {
        while (true) {
            Duration wait = tryTake(account, rate);
            if (wait.isZero()) {
                return;
            }
            sleeper.sleep(wait);
        }
    }

    /** Takes a call if one is left (zero), or how long until one is. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Duration tryTake(String account, TokenBucket.Rate rate) {
        EntityManager em = Panache.getEntityManager();
        em.createNativeQuery("INSERT INTO call_allowance (account, tokens, refilled_at) VALUES (?1, ?2, clock_timestamp()) "
                + "ON CONFLICT (account) DO NOTHING").setParameter(1, account).setParameter(2, rate.capacity()).executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery("SELECT tokens, EXTRACT(EPOCH FROM refilled_at), "
                + "EXTRACT(EPOCH FROM clock_timestamp()) FROM call_allowance WHERE account = ?1 FOR UPDATE")
                .setParameter(1, account).getSingleResult();
        TokenBucket.State state = new TokenBucket.State(((Number) row[0]).doubleValue(), instant(row[1]));
        TokenBucket.Take take = TokenBucket.take(state, rate, instant(row[2]));
        store(em, account, take.state());
        return take.pause();
    }

    /** Redis Cloud said 429: nothing is left for anyone on this account until the bucket refills. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void drain(String account) {
        Panache.getEntityManager().createNativeQuery("UPDATE call_allowance SET tokens = 0, refilled_at = clock_timestamp() "
                + "WHERE account = ?1").setParameter(1, account).executeUpdate();
    }

    private static void store(EntityManager em, String account, TokenBucket.State s) {
        em.createNativeQuery("UPDATE call_allowance SET tokens = ?2, refilled_at = to_timestamp(?3) WHERE account = ?1")
                .setParameter(1, account).setParameter(2, s.tokens()).setParameter(3, s.at().getEpochSecond() + s.at().getNano() / 1e9)
                .executeUpdate();
    }

    private static Instant instant(Object epochSeconds) {
        double seconds = ((Number) epochSeconds).doubleValue();
        long whole = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e6) * 1000);
    }
}
