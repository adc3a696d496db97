package io.redisscale.collector.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import io.redisscale.runtime.api.BearerAuth;

/**
 * The dashboard's session: a cookie value {@code nonce.expiry[.viewer].signature}, signed with HMAC-SHA256 under a
 * key made from the keyring's session key (derived from the current secret key) and the configured API tokens. It holds no token; it stays
 * valid on every collector replica and across restarts, and ends when it expires or the tokens change.
 */
public class SessionCookie {
    public static final String NAME = "autoscaler_session";
    private static final String VIEWER = "viewer";
    private final byte[] key;
    private final Clock clock;
    private final Duration lifetime;

    /** {@code signingKey}: the keyring's key for dashboard sessions, never the sealing key. */
    public SessionCookie(byte[] signingKey, byte[] tokenSetDigest, Clock clock, Duration lifetime) {
        this.key = hmac(signingKey,
                concat("dashboard-session:".getBytes(StandardCharsets.UTF_8), tokenSetDigest));
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A new admin session's cookie value; {@code nonce} tells sessions apart (random bytes from the caller). */
    public String issue(byte[] nonce) {
        return issue(nonce, BearerAuth.Role.admin);
    }

    /** A new session's cookie value for a token of {@code role}: a viewer's session may only read. */
    public String issue(byte[] nonce, BearerAuth.Role role) {
        String body = HexFormat.of().formatHex(nonce) + "." + clock.instant().plus(lifetime).getEpochSecond()
                + (role == BearerAuth.Role.viewer ? "." + VIEWER : "");
        return body + "." + sign(body);
    }

    /** The session's id in a cookie value: its nonce (hex), no secret. */
    public static String id(String value) {
        int first = value.indexOf('.');
        return first < 0 ? value : value.substring(0, first);
    }

    /** True for a value this deployment issued, unchanged and not expired. */
    public boolean valid(String value) {
        return role(value).isPresent();
    }

    /** The role of a value this deployment issued, unchanged and not expired; empty for any other. */
    public Optional<BearerAuth.Role> role(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int last = value.lastIndexOf('.');
        if (last < 0) {
            return Optional.empty();
        }
        String body = value.substring(0, last);
        if (!MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII),
                value.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] parts = body.split("\\.");
        if (parts.length < 2 || parts.length > 3 || parts.length == 3 && !parts[2].equals(VIEWER)) {
            return Optional.empty();
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(parts[1])).isAfter(clock.instant())
                    ? Optional.of(parts.length == 3 ? BearerAuth.Role.viewer : BearerAuth.Role.admin) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public Duration lifetime() {
        return lifetime;
    }

    private String sign(String body) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        return io.redisscale.runtime.Keyring.hmac(key, data);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
