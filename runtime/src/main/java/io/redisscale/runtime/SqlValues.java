package io.redisscale.runtime;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The values of a native query's row as Java types: the JDBC driver and Hibernate give a timestamp as an
 * {@link Instant}, an {@link OffsetDateTime} or a {@link java.sql.Timestamp}, and numbers as whatever width the
 * column has. A SQL NULL stays null.
 */
public final class SqlValues {
    private SqlValues() {}

    public static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        return value instanceof OffsetDateTime t ? t.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }

    public static Long toLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    public static Integer toInt(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }
}
