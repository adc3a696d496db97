package io.redisscale.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The keyring: the current key seals, old ones open, each purpose its own key, a key id bound to each value. */
class SealedSecretTest {
    static final String URL = "redis://:p4ss@cache.example.com:6379";
    static final Keyring OLD = Keyring.of("old passphrase");
    static final Keyring ROTATED = Keyring.of("new passphrase", List.of("old passphrase"));

    @Test
    void theCurrentKeySealsUnderItsIdAndAnOldKeyStillOpens() {
        String underOld = new SealedSecret(OLD).seal(URL);
        assertTrue(underOld.startsWith("v2:" + OLD.current().id() + ":"), underOld);
        assertFalse(underOld.contains("p4ss"));

        SealedSecret rotated = new SealedSecret(ROTATED);
        assertEquals(URL, rotated.open(underOld), "the old key opens what it sealed");
        assertFalse(rotated.sealedUnderCurrentKey(underOld), "to be re-sealed");
        String resealed = rotated.seal(URL);
        assertTrue(rotated.sealedUnderCurrentKey(resealed));
        assertEquals(ROTATED.current().id(), SealedSecret.keyId(resealed));
        assertThrows(IllegalStateException.class, () -> new SealedSecret(OLD).open(resealed), "the new key is not in the old ring");
        assertThrows(IllegalStateException.class, () -> new SealedSecret(Keyring.of("new passphrase")).open(underOld),
                "once the old key is dropped, its values no longer open");
    }

    @Test
    void aValueSealedBeforeKeyIdsOpensWithAnyKeyOfTheRing() throws Exception {
        String legacy = legacySeal("old passphrase", URL);
        assertEquals("legacy", SealedSecret.keyId(legacy));
        assertEquals(URL, new SealedSecret(ROTATED).open(legacy));
        assertFalse(new SealedSecret(ROTATED).sealedUnderCurrentKey(legacy));
        assertThrows(IllegalStateException.class, () -> new SealedSecret(Keyring.of("another")).open(legacy));
    }

    @Test
    void aValueMovedToAnotherKeyIdDoesNotOpen() {
        Keyring both = Keyring.of("a", List.of("b"));
        String sealed = new SealedSecret(both).seal(URL);
        String moved = "v2:" + Keyring.of("b").current().id() + sealed.substring(sealed.indexOf(':', 3));
        assertThrows(IllegalStateException.class, () -> new SealedSecret(both).open(moved));
        assertThrows(IllegalStateException.class, () -> new SealedSecret(both).open("v2:nokey"));
    }

    @Test
    void eachPurposeHasItsOwnKeyAndIdsRevealNothing() throws Exception {
        Keyring.Key key = Keyring.of("one passphrase").current();
        assertNotEquals(Arrays.toString(key.derive(Keyring.Purpose.SEALING)), Arrays.toString(key.derive(Keyring.Purpose.DASHBOARD_SESSION)));
        assertArrayEquals(key.derive(Keyring.Purpose.SEALING), Keyring.of("one passphrase").current().derive(Keyring.Purpose.SEALING),
                "derived alike on every service and after restarts");
        byte[] plainDigest = MessageDigest.getInstance("SHA-256").digest("one passphrase".getBytes(StandardCharsets.UTF_8));
        assertNotEquals(Arrays.toString(plainDigest), Arrays.toString(key.derive(Keyring.Purpose.SEALING)),
                "no longer the passphrase's bare digest");
        assertEquals(12, key.id().length());
        assertNotEquals(key.id(), Keyring.of("another passphrase").current().id());
        assertFalse(key.id().contains("one"));
    }

    @Test
    void aRingNeedsACurrentKey() {
        assertThrows(IllegalArgumentException.class, () -> Keyring.of(" "));
        assertEquals(1, Keyring.of("k", List.of("k", "", " ")).all().size(), "repeats and blanks ignored");
    }

    /** A value as sealed before the keyring: AES-GCM under the passphrase's SHA-256, base64 of nonce || ciphertext. */
    private static String legacySeal(String passphrase, String plain) throws Exception {
        byte[] key = MessageDigest.getInstance("SHA-256").digest(passphrase.getBytes(StandardCharsets.UTF_8));
        byte[] nonce = new byte[12];
        nonce[0] = 7;
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        byte[] body = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        byte[] out = Arrays.copyOf(nonce, 12 + body.length);
        System.arraycopy(body, 0, out, 12, body.length);
        return Base64.getEncoder().encodeToString(out);
    }
}
