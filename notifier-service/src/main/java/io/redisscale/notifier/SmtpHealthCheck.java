package io.redisscale.notifier;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the SMTP server accepts connections (when emails are on). */
@Readiness
@ApplicationScoped
class SmtpHealthCheck implements HealthCheck {
    private final String host;
    private final int port;
    private final NotifierConfig config;

    SmtpHealthCheck(@ConfigProperty(name = "quarkus.mailer.host") String host,
                    @ConfigProperty(name = "quarkus.mailer.port") int port, NotifierConfig config) {
        this.host = host;
        this.port = port;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        // Open health names no host: the SMTP server stays in the configuration and the log.
        var builder = HealthCheckResponse.named("smtp");
        if (!config.enabled()) {
            return builder.up().withData("emails", "off").build();
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            return builder.up().build();
        } catch (IOException e) {
            return builder.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
