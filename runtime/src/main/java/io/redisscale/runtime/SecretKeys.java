package io.redisscale.runtime;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The deployment's {@link Keyring}, built once from {@code AUTOSCALER_SECRET_KEY} (current) and
 * {@code AUTOSCALER_SECRET_KEYS_OLD} (comma-separated, kept while a rotation re-seals). Only the services
 * that seal or open secrets ask for it (collector, actuator): the others start without a key.
 */
@Singleton
public class SecretKeys {
    @Produces
    @Singleton
    Keyring keyring(@ConfigProperty(name = "autoscaler.secret-key") Optional<String> current,
                    @ConfigProperty(name = "autoscaler.secret-keys-old") Optional<List<String>> old) {
        return Keyring.of(current.orElseThrow(() -> new IllegalStateException("AUTOSCALER_SECRET_KEY is not set")),
                old.orElse(List.of()));
    }
}
