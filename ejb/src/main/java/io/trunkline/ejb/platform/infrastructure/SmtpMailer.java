package io.trunkline.ejb.platform.infrastructure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.activation.DataHandler;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

/**
 * Sends a plain-text e-mail, with or without attachments, through the platform's SMTP relay: system properties
 * {@code trunkline.smtp.host} (default 127.0.0.1) and {@code trunkline.smtp.port} (25), read on each send, 5 s
 * to connect and 5 s per read. A message with attachments is {@code multipart/mixed} (RFC 2046 §5.1.3), the text
 * first, each attachment base64 with {@code Content-Disposition: attachment} and its file name (RFC 2183).
 * Delivery to the relay is reported, not thrown: {@code "delivered"} or {@code "failed: <why>"}, which callers
 * record beside what they sent (an alert's deliveries, a workflow's audit trail) and act on as they see fit.
 */
public final class SmtpMailer {

    public static final String DELIVERED = "delivered";
    static final int TIMEOUT_MILLIS = 5000;

    /** A file sent with the message. */
    public record Attachment(String name, String contentType, byte[] content) {

        public Attachment {
            if (name == null || name.isBlank() || contentType == null || contentType.isBlank() || content == null) {
                throw new IllegalArgumentException("an attachment needs a name, a content type and content");
            }
        }
    }

    /**
     * One message: {@code from} null for the property {@code trunkline.mail.from} (default {@code trunkline@localhost});
     * {@code headers} added as they are ({@code X-Trunkline-Alert}...).
     */
    public record Mail(String from, List<String> to, String subject, String text, Map<String, String> headers,
                       List<Attachment> attachments) {

        public Mail {
            if (to == null || to.isEmpty()) {
                throw new IllegalArgumentException("a mail needs at least one recipient");
            }
            to = List.copyOf(to);
            subject = subject == null ? "" : subject;
            text = text == null ? "" : text;
            headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }

        /** A text message without headers or attachments. */
        public static Mail text(String from, List<String> to, String subject, String text) {
            return new Mail(from, to, subject, text, Map.of(), List.of());
        }

        public Mail withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Mail(from, to, subject, text, h, attachments);
        }

        public Mail withAttachment(Attachment a) {
            List<Attachment> all = new ArrayList<>(attachments);
            all.add(a);
            return new Mail(from, to, subject, text, headers, all);
        }
    }

    private final String host;
    private final String port;

    /** The relay the server's system properties name. */
    public SmtpMailer() {
        this(System.getProperty("trunkline.smtp.host", "127.0.0.1"), System.getProperty("trunkline.smtp.port", "25"));
    }

    public SmtpMailer(String host, String port) {
        this.host = host;
        this.port = port;
    }

    /** @return {@link #DELIVERED} once the relay accepted the message for every recipient, else {@code "failed: ..."} */
    public String send(Mail mail) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", port);
        p.setProperty("mail.smtp.connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
        p.setProperty("mail.smtp.timeout", String.valueOf(TIMEOUT_MILLIS));
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(p));
            m.setFrom(new InternetAddress(mail.from() != null ? mail.from()
                    : System.getProperty("trunkline.mail.from", "trunkline@localhost")));
            for (String r : mail.to()) {
                m.addRecipient(Message.RecipientType.TO, new InternetAddress(r));
            }
            m.setSubject(mail.subject(), "UTF-8");
            if (mail.attachments().isEmpty()) {
                m.setText(mail.text(), "UTF-8");
            } else {
                MimeMultipart parts = new MimeMultipart("mixed");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(mail.text(), "UTF-8");
                parts.addBodyPart(text);
                for (Attachment a : mail.attachments()) {
                    MimeBodyPart part = new MimeBodyPart();
                    part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
                    part.setFileName(a.name());
                    part.setDisposition(MimeBodyPart.ATTACHMENT);
                    parts.addBodyPart(part);
                }
                m.setContent(parts);
            }
            for (Map.Entry<String, String> h : mail.headers().entrySet()) {
                m.setHeader(h.getKey(), h.getValue());
            }
            Transport.send(m);
            return DELIVERED;
        } catch (MessagingException e) {
            return "failed: " + e.getMessage();
        }
    }
}
