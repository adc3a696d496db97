package io.redisscale.collector.registry;

/** The collector tests' one way to make a registration: a {@code local} instance; the rest is defaults. */
public final class Requests {
    private Requests() {}

    public static InstanceRequestBuilder local(String name, String redisUrl) {
        return InstanceRequestBuilder.builder().name(name).provider("local").redisUrl(redisUrl);
    }
}
