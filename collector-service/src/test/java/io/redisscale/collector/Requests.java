package io.redisscale.collector;

/** The collector tests' one way to make a registration: a {@code local} instance; the rest is defaults. */
final class Requests {
    private Requests() {}

    static InstanceRequestBuilder local(String name, String redisUrl) {
        return InstanceRequestBuilder.builder().name(name).provider("local").redisUrl(redisUrl);
    }
}
