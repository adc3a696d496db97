package io.redisscale.runtime;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The contract for secrets that must cross a topic (a Redis URL with its password): AES-256-GCM under the
 * {@link Keyring}'s sealing key, written {@code v2:<key id>:<base64 of nonce || ciphertext>}. The current key
 * seals; a value sealed under an old key of the ring still opens, and {@link #sealedUnderCurrentKey} tells
 * the values a rotation must re-seal. A value without a key id (sealed before key ids) is tried with each key.
 * Events stay free of plain secrets; only services holding a key can open them.
 */
public final class SealedSecret {
    private static final int NONCE_BYTES = 12;
    private static final String VERSION = "v2:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Keyring keys;

    public SealedSecret(Keyring keys) {
        this.keys = keys;
    }

    /** Under one key (tests, and deployments without old keys). */
    public SealedSecret(String passphrase) {
        this(Keyring.of(passphrase));
    }

    public String seal(String plain) {
        Keyring.Key key = keys.current();
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, aes(key.derive(Keyring.Purpose.SEALING)), new GCMParameterSpec(128, nonce));
            // The key id is bound to the ciphertext: moving a value to another id fails to open.
            cipher.updateAAD(key.id().getBytes(StandardCharsets.US_ASCII));
            byte[] body = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + body.length);
            System.arraycopy(body, 0, out, NONCE_BYTES, body.length);
            return VERSION + key.id() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal secret", e);
        }
    }

    public String open(String sealed) {
        if (sealed.startsWith(VERSION)) {
            Keyring.Key key = keys.byId(keyId(sealed)).orElseThrow(SealedSecret::unreadable);
            return decrypt(aes(key.derive(Keyring.Purpose.SEALING)), key.id(), sealed.substring(VERSION.length() + key.id().length() + 1))
                    .orElseThrow(SealedSecret::unreadable);
        }
        for (Keyring.Key key : keys.all()) {
            Optional<String> plain = decrypt(aes(key.legacySealing()), null, sealed);
            if (plain.isPresent()) {
                return plain.get();
            }
        }
        throw unreadable();
    }

    /** Whether {@code sealed} is under the current key: any other value is re-sealed during a rotation. */
    public boolean sealedUnderCurrentKey(String sealed) {
        return sealed.startsWith(VERSION + keys.current().id() + ":");
    }

    /** The id of the key a value is sealed under, or {@code legacy} for one sealed before key ids. */
    public static String keyId(String sealed) {
        int colon = sealed.indexOf(':', VERSION.length());
        return sealed.startsWith(VERSION) && colon > 0 ? sealed.substring(VERSION.length(), colon) : "legacy";
    }

    private static Optional<String> decrypt(SecretKeySpec key, String keyId, String base64) {
        try {
            byte[] in = Base64.getDecoder().decode(base64);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE_BYTES));
            if (keyId != null) {
                cipher.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
            }
            return Optional.of(new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static SecretKeySpec aes(byte[] key) {
        return new SecretKeySpec(key, "AES");
    }

    /** The message never includes the sealed text or a key. */
    private static IllegalStateException unreadable() {
        return new IllegalStateException("cannot open sealed secret: wrong AUTOSCALER_SECRET_KEY or corrupt value");
    }
}
