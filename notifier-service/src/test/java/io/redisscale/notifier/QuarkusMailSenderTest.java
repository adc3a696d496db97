package io.redisscale.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QuarkusMailSenderTest {
    /** An SMTP conversation that hangs on its first email, then answers. */
    static final class HangingOnce implements Mailer {
        final CountDownLatch never = new CountDownLatch(1);
        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile boolean interrupted;

        @Override
        public void send(Mail... mails) {
            if (sent.isEmpty() && !interrupted) {
                try {
                    never.await(1, TimeUnit.HOURS);
                } catch (InterruptedException e) {
                    interrupted = true; // cancelled: it must not go on and send late
                    return;
                }
            }
            sent.add(mails[0].getSubject());
        }
    }

    @Test
    void aSendThatOutlivesItsWaitIsCancelledAndTheNextOneGoes() {
        HangingOnce mailer = new HangingOnce();
        QuarkusMailSender sender = new QuarkusMailSender(mailer, Duration.ofMillis(100));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sender.send(List.of("ops@example.com"), "first", "t", "h"));
        assertTrue(e.getMessage().startsWith("SMTP did not answer"), e.getMessage());
        sender.send(List.of("ops@example.com"), "second", "t", "h"); // the sender is not held by the hung one
        assertTrue(mailer.interrupted, "the hung send was cancelled");
        assertEquals(List.of("second"), mailer.sent, "nothing sent late");
        sender.stop();
    }
}
