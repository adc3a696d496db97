package io.redisscale.actuator.availability;

/**
 * The seam to the instance's Redis during a change: one probe, a fresh connection and a PING. An implementation
 * never throws; a failure is its error class ({@link io.redisscale.runtime.ErrorClass}).
 */
public interface Probe {
    /** One probe's result: answered with its latency, or failed with why. */
    record Result(boolean answered, String errorClass, long latencyMicros) {
        public static Result answered(long latencyMicros) {
            return new Result(true, null, latencyMicros);
        }

        public static Result failed(String errorClass) {
            return new Result(false, errorClass, 0);
        }
    }

    Result probe(Endpoint endpoint);

    /** Where and how to reach the Redis: its full URL (never logged) and its TLS setting. */
    record Endpoint(String url, boolean tlsAllowSelfSigned) {
        /**
         * The instance's own Redis URL (sealed in its settings) as an endpoint; empty when it has none or it cannot be
         * opened here (the change itself says why).
         */
        public static java.util.Optional<Endpoint> sealed(io.redisscale.runtime.SealedSecret sealer, io.redisscale.events.InstanceConfig instance) {
            try {
                return java.util.Optional.ofNullable(instance.sealedRedisUrl()).map(sealer::open)
                        .map(url -> new Endpoint(url, instance.tlsAllowSelfSigned()));
            } catch (IllegalStateException sealedElsewhere) {
                return java.util.Optional.empty();
            }
        }

        /** Host and port, the part of the URL an endpoint change is told by. */
        public String address() {
            java.net.URI uri = java.net.URI.create(url);
            return uri.getHost() + ":" + uri.getPort();
        }

        /** The URL's credentials, to compare (never shown). */
        String credentials() {
            return String.valueOf(java.net.URI.create(url).getRawUserInfo());
        }

        @Override
        public String toString() {
            return "Endpoint[" + address() + "]"; // the URL may hold a password
        }
    }
}
