package io.redisscale.notifier;

/** The seam to the chat webhook: one JSON POST, an exception unless it was accepted (2xx). */
interface WebhookSender {
    void post(String url, String json);
}
