package io.trunkline.ejb.platform.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.mail.Address;
import javax.mail.Message;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mailer against an in-process SMTP server (GreenMail) on a free loopback port. */
class SmtpMailerTest {

    private static final byte[] PDF = ("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\u00ff\u00fe binary tail")
            .getBytes(StandardCharsets.ISO_8859_1);

    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private SmtpMailer mailer() {
        return new SmtpMailer("127.0.0.1", String.valueOf(smtp.getSmtp().getPort()));
    }

    @Test
    void aMessageWithAPdfReachesEveryRecipientWithTheAttachmentsBytes() throws Exception {
        SmtpMailer.Mail mail = SmtpMailer.Mail.text("porting@trunkline.example",
                        List.of("desk@carrier-b.example", "compliance@acme.example"),
                        "Number port request PORT-4711 (Łódź office)", "Please find the signed LOA attached.\n")
                .withHeader("X-Trunkline-Port", "4711")
                .withAttachment(new SmtpMailer.Attachment("LOA PORT-4711.pdf", "application/pdf", PDF));

        assertThat(mailer().send(mail)).isEqualTo(SmtpMailer.DELIVERED);

        MimeMessage[] received = smtp.getReceivedMessages();
        // One copy per recipient, each addressed to both.
        assertThat(received).hasSize(2);
        MimeMessage m = received[0];
        assertThat(m.getRecipients(Message.RecipientType.TO)).extracting(Address::toString)
                .containsExactly("desk@carrier-b.example", "compliance@acme.example");
        assertThat(m.getFrom()).extracting(Address::toString).containsExactly("porting@trunkline.example");
        assertThat(m.getSubject()).isEqualTo("Number port request PORT-4711 (Łódź office)");
        assertThat(m.getHeader("X-Trunkline-Port")).containsExactly("4711");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        // SMTP carries lines ending CRLF (RFC 5321 §2.3.8), and the server keeps no final line break.
        assertThat(parts.getBodyPart(0).getContent().toString().strip()).isEqualTo("Please find the signed LOA attached.");
        Part pdf = parts.getBodyPart(1);
        assertThat(pdf.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(pdf.getFileName()).isEqualTo("LOA PORT-4711.pdf");
        assertThat(pdf.getContentType()).startsWith("application/pdf");
        try (InputStream in = pdf.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(PDF);
        }
    }

    @Test
    void aPlainMessageIsTextWithTheDefaultSender() throws Exception {
        String old = System.getProperty("trunkline.mail.from");
        System.clearProperty("trunkline.mail.from");
        try {
            assertThat(mailer().send(SmtpMailer.Mail.text(null, List.of("ops@acme.example"), "Alert", "Body\n")))
                    .isEqualTo("delivered");
        } finally {
            if (old != null) {
                System.setProperty("trunkline.mail.from", old);
            }
        }
        MimeMessage m = smtp.getReceivedMessages()[0];
        assertThat(m.getFrom()).extracting(Address::toString).containsExactly("trunkline@localhost");
        assertThat(m.getContent().toString().strip()).isEqualTo("Body");
    }

    @Test
    void anUnreachableRelayIsReportedNotThrown() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String outcome = new SmtpMailer("127.0.0.1", String.valueOf(closed))
                .send(SmtpMailer.Mail.text(null, List.of("ops@acme.example"), "Alert", "Body"));
        assertThat(outcome).startsWith("failed: ");
    }
}
