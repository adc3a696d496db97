package io.redisscale.runtime;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which Redis servers the {@code local} provider may reach. A token holder registers a local instance by
 * its URL, and the actuator then runs {@code CONFIG SET} on it: so the provider is off unless
 * {@code AUTOSCALER_LOCAL_PROVIDER=true}, and a target in a private, loopback, link-local or shared range
 * (someone else's internal Redis, the services' own network) is refused unless {@code AUTOSCALER_REDIS_ALLOW}
 * names it (CIDR ranges or host names, comma-separated). Checked at registration (collector) and again
 * right before each change (actuator), where the name is resolved anew.
 */
@Singleton
public class RedisTargets {
    /** Resolves a host name to its addresses: the seam a test replaces. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean localProvider;
    private final List<String> allow;
    private final Resolver resolver;

    @Inject
    RedisTargets(@ConfigProperty(name = "autoscaler.local-provider") boolean localProvider,
                 @ConfigProperty(name = "autoscaler.redis-allow") Optional<List<String>> allow) {
        this(localProvider, allow.orElse(List.of()), InetAddress::getAllByName);
    }

    public RedisTargets(boolean localProvider, List<String> allow, Resolver resolver) {
        this.localProvider = localProvider;
        this.allow = allow.stream().map(String::trim).filter(a -> !a.isEmpty()).toList();
        this.resolver = resolver;
    }

    public boolean localProvider() {
        return localProvider;
    }

    /** Why the local provider may not reach {@code redisUrl}, if it may not. */
    public Optional<String> refusal(String redisUrl) {
        if (!localProvider) {
            return Optional.of("the local provider is off (AUTOSCALER_LOCAL_PROVIDER=true turns it on)");
        }
        String host;
        try {
            host = URI.create(redisUrl).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.of("not a redis:// or rediss:// URL");
        }
        if (host == null) {
            return Optional.of("the URL names no host");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (allow.stream().anyMatch(a -> a.equalsIgnoreCase(bare))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return Optional.empty(); // nothing to reach: its polls report the DNS failure
        }
        for (InetAddress a : addresses) {
            if (internal(a) && allow.stream().noneMatch(range -> within(a, range))) {
                return Optional.of(host + " is a private, loopback or link-local address (" + a.getHostAddress()
                        + "): refused unless AUTOSCALER_REDIS_ALLOW names it");
            }
        }
        return Optional.empty();
    }

    /** Not on the public internet: loopback, private (RFC 1918, unique local), link-local, shared (RFC 6598), unspecified. */
    static boolean internal(InetAddress a) {
        byte[] b = a.getAddress();
        boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc; // fc00::/7
        boolean shared = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10
        return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || uniqueLocal || shared;
    }

    /** Whether {@code a} is in {@code cidr} ({@code 10.0.0.0/8}, {@code 127.0.0.1}); a host name is no range. */
    static boolean within(InetAddress a, String cidr) {
        int slash = cidr.indexOf('/');
        String base = slash < 0 ? cidr : cidr.substring(0, slash);
        if (!base.matches("[0-9a-fA-F:.]+")) {
            return false; // a host name: matched by name above
        }
        byte[] network;
        try {
            network = InetAddress.getByName(base).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        byte[] address = a.getAddress();
        if (network.length != address.length) {
            return false;
        }
        int bits = slash < 0 ? address.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((address[i] & mask) != (network[i] & mask)) {
                return false;
            }
        }
        return true;
    }
}
