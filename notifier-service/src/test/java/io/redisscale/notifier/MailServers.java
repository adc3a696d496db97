package io.redisscale.notifier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real SMTP server (GreenMail) on a port of its own, and a local HTTP server for the webhook. */
public class MailServers implements QuarkusTestResourceLifecycleManager {
    /** A free port, taken once per test JVM so a restarted SMTP server comes back where the mailer looks. */
    static final int SMTP_PORT = freePort();
    static GreenMail smtp;
    static WireMockServer hook;

    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @Override
    public Map<String, String> start() {
        startSmtp();
        hook = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        hook.start();
        return Map.of("quarkus.mailer.port", String.valueOf(SMTP_PORT), "notifier.webhook-url", hook.baseUrl() + "/hook");
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        smtp.stop();
        hook.stop();
    }
}
