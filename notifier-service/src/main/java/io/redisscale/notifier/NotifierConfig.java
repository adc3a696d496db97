package io.redisscale.notifier;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "notifier")
public interface NotifierConfig {
    /** ENABLE_EMAILS: off means nothing is sent at all. */
    boolean enabled();

    /** EMAIL_PREFIX: starts every subject, for mail filters. */
    String prefix();

    /** RECIPIENTS: for instances that name none. */
    Optional<String> defaultRecipients();
}
