package io.redisscale.notifier;

import java.util.List;

/** The seam to SMTP. */
interface MailSender {
    void send(List<String> to, String subject, String text, String html);
}
