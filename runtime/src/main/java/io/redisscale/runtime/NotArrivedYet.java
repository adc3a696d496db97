package io.redisscale.runtime;

/**
 * A record needs something another topic brings (an instance's settings in this service's {@link Replica})
 * that has not arrived yet: a transient failure, retried by {@link ConsumerGuard} until it has, never a
 * reason to drop the record.
 */
public class NotArrivedYet extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotArrivedYet(String message) {
        super(message);
    }
}
