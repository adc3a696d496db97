package io.redisscale.runtime;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The deployment's secret keys: the current one ({@code AUTOSCALER_SECRET_KEY}) seals and signs, the old ones
 * ({@code AUTOSCALER_SECRET_KEYS_OLD}, kept during a rotation) only open what they sealed. Each passphrase is
 * stretched once (PBKDF2), and a separate key is derived from it per purpose (HMAC-SHA256 of the purpose), so
 * the sealing key never signs a session and the reverse. A key is known by its id, a digest that tells keys
 * apart and reveals nothing of them.
 */
public final class Keyring {
    /** What a derived key is for; each gets its own key. */
    public enum Purpose { SEALING, DASHBOARD_SESSION }

    private static final byte[] SALT = "io.redisscale.autoscaler/keyring/v1".getBytes(StandardCharsets.UTF_8);
    /** Enough to slow guessing a short passphrase, once per start-up and key. */
    private static final int ITERATIONS = 120_000;

    /** One passphrase: its id and the keys derived from it (the passphrase itself is not kept). */
    public static final class Key {
        private final String id;
        private final byte[] master;
        private final byte[] legacySealing;

        private Key(String id, byte[] master, byte[] legacySealing) {
            this.id = id;
            this.master = master;
            this.legacySealing = legacySealing;
        }

        public String id() {
            return id;
        }

        /** The key for {@code purpose}, 32 bytes. */
        public byte[] derive(Purpose purpose) {
            return hmac(master, ("purpose:" + purpose.name().toLowerCase(java.util.Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
        }

        /** The AES key of values sealed before the keyring: the passphrase's SHA-256. */
        byte[] legacySealing() {
            return legacySealing.clone();
        }
    }

    private final Key current;
    private final Map<String, Key> byId;

    private Keyring(Key current, Map<String, Key> byId) {
        this.current = current;
        this.byId = byId;
    }

    /** A keyring of one key. */
    public static Keyring of(String current) {
        return of(current, List.of());
    }

    /** The current key and the old ones still accepted (blank entries ignored; the current one may be repeated). */
    public static Keyring of(String current, List<String> old) {
        if (current == null || current.isBlank()) {
            throw new IllegalArgumentException("AUTOSCALER_SECRET_KEY is empty");
        }
        Key now = key(current);
        Map<String, Key> all = new LinkedHashMap<>();
        all.put(now.id(), now);
        for (String passphrase : old) {
            if (passphrase != null && !passphrase.isBlank()) {
                Key k = key(passphrase.strip());
                all.putIfAbsent(k.id(), k);
            }
        }
        return new Keyring(now, Map.copyOf(all));
    }

    public Key current() {
        return current;
    }

    public Optional<Key> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every key, the current one first: values sealed before key ids existed are tried with each. */
    public List<Key> all() {
        List<Key> out = new ArrayList<>();
        out.add(current);
        byId.values().stream().filter(k -> k != current).forEach(out::add);
        return out;
    }

    private static Key key(String passphrase) {
        try {
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] master = pbkdf2.generateSecret(new PBEKeySpec(passphrase.toCharArray(), SALT, ITERATIONS, 256)).getEncoded();
            String id = HexFormat.of().formatHex(hmac(master, "key-id".getBytes(StandardCharsets.UTF_8)), 0, 6);
            // Values sealed before the keyring used the passphrase's SHA-256 as the AES key: still opened.
            byte[] legacy = java.security.MessageDigest.getInstance("SHA-256").digest(passphrase.getBytes(StandardCharsets.UTF_8));
            return new Key(id, master, legacy);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA256 of {@code data} under {@code key}. */
    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
