package io.redisscale.collector.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionCookieTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final byte[] TOKENS = "tokens-a".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NONCE = {1, 2, 3, 4};

    private static SessionCookie at(Instant now, String secret, byte[] tokens) {
        return new SessionCookie(io.redisscale.runtime.Keyring.of(secret).current().derive(io.redisscale.runtime.Keyring.Purpose.DASHBOARD_SESSION),
                tokens, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(12));
    }

    @Test
    void anIssuedValueHoldsNoTokenAndIsValidUntilItExpires() {
        String value = at(NOW, "secret", TOKENS).issue(NONCE);
        assertFalse(value.contains("tokens-a"));
        assertEquals(3, value.split("\\.").length);
        assertTrue(at(NOW.plus(Duration.ofHours(11)), "secret", TOKENS).valid(value));
        assertFalse(at(NOW.plus(Duration.ofHours(12)), "secret", TOKENS).valid(value), "expired");
    }

    @Test
    void anotherKeyOrTokenSetEndsTheSession() {
        String value = at(NOW, "secret", TOKENS).issue(NONCE);
        assertFalse(at(NOW, "other-secret", TOKENS).valid(value));
        assertFalse(at(NOW, "secret", "tokens-b".getBytes(StandardCharsets.UTF_8)).valid(value), "tokens rotated");
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @CsvSource(value = {"''", "x", "a.b", "..", "01020304.99999999999.AAAA", "01020304.notanumber.AAAA"}, emptyValue = "")
    void malformedValuesAreRefused(String value) {
        assertFalse(at(NOW, "secret", TOKENS).valid(value));
    }

    @Test
    void aLaterExpiryCannotBeWrittenIn() {
        String value = at(NOW, "secret", TOKENS).issue(NONCE);
        String[] parts = value.split("\\.");
        String forged = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2];
        assertFalse(at(NOW.plus(Duration.ofHours(13)), "secret", TOKENS).valid(forged));
        assertFalse(at(NOW, "secret", TOKENS).valid(null));
    }

    @Test
    void aViewersSessionSaysSoAndCannotBeMadeAnAdmins() {
        SessionCookie cookies = at(NOW, "secret", TOKENS);
        String viewer = cookies.issue(NONCE, io.redisscale.runtime.api.BearerAuth.Role.viewer);
        assertEquals(java.util.Optional.of(io.redisscale.runtime.api.BearerAuth.Role.viewer), cookies.role(viewer));
        assertEquals(java.util.Optional.of(io.redisscale.runtime.api.BearerAuth.Role.admin), cookies.role(cookies.issue(NONCE)));
        // Dropping the role from the value breaks its signature.
        String body = viewer.substring(0, viewer.lastIndexOf('.'));
        String forged = body.substring(0, body.lastIndexOf('.')) + viewer.substring(viewer.lastIndexOf('.'));
        assertEquals(java.util.Optional.empty(), cookies.role(forged));
    }
}
