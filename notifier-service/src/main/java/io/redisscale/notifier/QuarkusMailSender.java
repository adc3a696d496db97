package io.redisscale.notifier;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
class QuarkusMailSender implements MailSender {
    private final Mailer mailer;
    private final Duration wait;
    /*
     * The Vert.x mail client runs part of its work as ordered blocking tasks on the caller's context;
     * called from a Kafka listener's worker (which holds that context) it waits on itself until it times
     * out. Sending from a thread outside any Vert.x context avoids that.
     */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "mail-sender"));

    /**
     * The wait for one send is twice the client's socket timeout ({@code quarkus.mailer.timeout},
     * EMAIL_TIMEOUT): a silent server fails the send in the client first, so no send finishes after its
     * wait was given up (and was then retried: a second email).
     */
    @Inject
    QuarkusMailSender(Mailer mailer, @ConfigProperty(name = "quarkus.mailer.timeout") Duration socketTimeout) {
        this.mailer = mailer;
        this.wait = socketTimeout.multipliedBy(2);
    }

    @Override
    public void send(List<String> to, String subject, String text, String html) {
        Mail mail = new Mail().setSubject(subject).setText(text).setHtml(html);
        mail.setTo(List.copyOf(to));
        Future<?> sending = sender.submit(() -> mailer.send(mail));
        try {
            sending.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("SMTP refused or failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            sending.cancel(true); // given up: it must not hold the sender from the next email, nor finish late
            throw new IllegalStateException("SMTP did not answer within " + wait.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            sending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        }
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }
}
