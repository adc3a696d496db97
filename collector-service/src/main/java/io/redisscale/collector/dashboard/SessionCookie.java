package io.redisscale.collector.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The dashboard's session: a cookie value {@code nonce.expiry.signature}, signed with HMAC-SHA256 under a
 * key made from the deployment's secret key and the configured API tokens. It holds no token; it stays
 * valid on every collector replica and across restarts, and ends when it expires or the tokens change.
 */
public class SessionCookie {
    public static final String NAME = "autoscaler_session";
    private final byte[] key;
    private final Clock clock;
    private final Duration lifetime;

    public SessionCookie(String secretKey, byte[] tokenSetDigest, Clock clock, Duration lifetime) {
        this.key = hmac(secretKey.getBytes(StandardCharsets.UTF_8),
                concat("dashboard-session:".getBytes(StandardCharsets.UTF_8), tokenSetDigest));
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A new session's cookie value; {@code nonce} tells sessions apart (random bytes from the caller). */
    public String issue(byte[] nonce) {
        String body = HexFormat.of().formatHex(nonce) + "." + clock.instant().plus(lifetime).getEpochSecond();
        return body + "." + sign(body);
    }

    /** True for a value this deployment issued, unchanged and not expired. */
    public boolean valid(String value) {
        if (value == null) {
            return false;
        }
        int last = value.lastIndexOf('.');
        int first = value.indexOf('.');
        if (first < 0 || last <= first) {
            return false;
        }
        String body = value.substring(0, last);
        if (!MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII),
                value.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(body.substring(first + 1))).isAfter(clock.instant());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public Duration lifetime() {
        return lifetime;
    }

    private String sign(String body) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
