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

    /** How long an email or webhook call that cannot be delivered is retried before it is recorded as failed. */
    java.time.Duration retryFor();

    /** First wait after a failed delivery; doubles each time up to ten minutes. */
    java.time.Duration firstRetry();

    /** Per instance and event kind, at most one message in this interval; the rest go out as one digest. */
    java.time.Duration burstInterval();

    /** SAVINGS_REPORT_TO: who gets the monthly savings report (opt-in; comma-separated). */
    Optional<String> savingsReportTo();

    /** WEBHOOK_URL: a JSON POST ({"text": ...}, Slack-compatible) per message besides email; none when empty. */
    Optional<String> webhookUrl();

    /** How often the delivery worker looks for due messages and digests (it is also woken by each event). */
    @io.smallrye.config.WithDefault("2s")
    java.time.Duration deliveryTick();

    /** How long finished deliveries and handled-event records are kept (EMAIL_KEEP_FOR). */
    java.time.Duration keepFor();
}
