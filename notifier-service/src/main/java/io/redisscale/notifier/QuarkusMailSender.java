package io.redisscale.notifier;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

@ApplicationScoped
class QuarkusMailSender implements MailSender {
    private final Mailer mailer;
    /*
     * The Vert.x mail client runs part of its work as ordered blocking tasks on the caller's context;
     * called from a Kafka listener's worker (which holds that context) it waits on itself until it times
     * out. Sending from a thread outside any Vert.x context avoids that.
     */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "mail-sender"));

    QuarkusMailSender(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public void send(List<String> to, String subject, String text, String html) {
        Mail mail = new Mail().setSubject(subject).setText(text).setHtml(html);
        mail.setTo(List.copyOf(to));
        try {
            sender.submit(() -> mailer.send(mail)).get(2, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new IllegalStateException("SMTP refused or failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("SMTP did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        }
    }

    @PreDestroy
    void stop() {
        sender.shutdown();
    }
}
