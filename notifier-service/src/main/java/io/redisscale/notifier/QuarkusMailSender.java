package io.redisscale.notifier;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
class QuarkusMailSender implements MailSender {
    private final Mailer mailer;

    QuarkusMailSender(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public void send(List<String> to, String subject, String text, String html) {
        Mail mail = new Mail().setSubject(subject).setText(text).setHtml(html);
        mail.setTo(List.copyOf(to));
        mailer.send(mail);
    }
}
