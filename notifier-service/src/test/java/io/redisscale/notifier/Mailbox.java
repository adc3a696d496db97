package io.redisscale.notifier;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what GreenMail received. */
final class Mailbox {
    static List<MimeMessage> withSubject(String part) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : MailServers.smtp.getReceivedMessages()) {
            if (m.getSubject() != null && m.getSubject().contains(part)) {
                out.add(m);
            }
        }
        return out;
    }

    static List<String> to(MimeMessage m) throws Exception {
        return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    }

    /** Content type (text/plain, text/html) to body, through nested multiparts. */
    static Map<String, String> parts(MimeMessage m) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        collect(m.getContent(), m.getContentType(), out);
        return out;
    }

    private static void collect(Object content, String type, Map<String, String> out) throws Exception {
        if (content instanceof Multipart multi) {
            for (int i = 0; i < multi.getCount(); i++) {
                BodyPart p = multi.getBodyPart(i);
                collect(p.getContent(), p.getContentType(), out);
            }
        } else {
            out.put(type.toLowerCase().split(";")[0].trim(), String.valueOf(content));
        }
    }

    private Mailbox() {}
}
