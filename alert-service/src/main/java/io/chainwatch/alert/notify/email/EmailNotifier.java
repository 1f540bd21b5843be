package io.chainwatch.alert.notify.email;

import java.util.List;

import io.chainwatch.alert.AlertProperties;
import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.notify.Message;
import io.chainwatch.alert.notify.Notification;
import io.chainwatch.alert.notify.Notifier;
import io.chainwatch.alert.receiver.Receiver;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends e-mail over SMTP: plain text and, when rendered, an HTML alternative; the Message-ID is derived from the
 * idempotency key, so a resend after a crash carries the same id. Connection and server failures are retryable; a
 * malformed message or an address the server rejects as invalid is not.
 *
 * <p>The SMTP session is kept open between messages (checked with {@code NOOP} before each use, opened again when
 * the server has closed it, closed after any failure), so a notification costs one {@code MAIL FROM / RCPT TO /
 * DATA} exchange instead of a TCP connect, greeting, {@code EHLO} (and TLS and login, where configured) each time.
 */
@Component
public class EmailNotifier implements Notifier {

    public static final String CHANNEL = "email";

    private final JavaMailSender sender;
    private final AlertProperties properties;
    private final EmailComposer composer;
    /** The SMTP session kept open between messages; guarded by {@code this}. */
    private Transport transport;

    public EmailNotifier(JavaMailSender sender, AlertProperties properties, EmailComposer composer) {
        this.sender = sender;
        this.properties = properties;
        this.composer = composer;
    }

    @Override
    public Message render(List<AlertEvent> events, Receiver receiver) {
        return composer.compose(events, receiver.chinese());
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public AddressKind addressKind() {
        return AddressKind.EMAIL;
    }

    @Override
    public Result send(Notification n) {
        if (!(sender instanceof JavaMailSenderImpl impl)) {
            return sendThroughSender(n);
        }
        MimeMessage mime;
        try {
            mime = mime(n);
            mime.saveChanges(); // assigns a new Message-ID: ours is set again
            mime.setHeader("Message-ID", messageId(n));
        } catch (MessagingException | RuntimeException e) {
            return Result.giveUp(describe(e));
        }
        synchronized (this) {
            try {
                Transport t = session(impl);
                t.sendMessage(mime, mime.getAllRecipients());
                return Result.ok();
            } catch (SendFailedException e) {
                closeSession();
                return invalidAddressCause(e) ? Result.giveUp(describe(e)) : Result.retry(describe(e));
            } catch (MessagingException | RuntimeException e) {
                closeSession();
                return Result.retry(describe(e));
            }
        }
    }

    /** Without a {@link JavaMailSenderImpl} (no session to keep): one connection per message. */
    private Result sendThroughSender(Notification n) {
        try {
            sender.send(mime(n));
            return Result.ok();
        } catch (MessagingException | MailParseException | MailPreparationException e) {
            return Result.giveUp(describe(e));
        } catch (MailException e) {
            return invalidAddress(e) ? Result.giveUp(describe(e)) : Result.retry(describe(e));
        } catch (RuntimeException e) {
            return Result.retry(describe(e));
        }
    }

    /** The open SMTP session, or a new one when there is none or the server no longer answers NOOP. */
    private Transport session(JavaMailSenderImpl impl) throws MessagingException {
        if (transport != null && transport.isConnected()) {
            return transport;
        }
        closeSession();
        Transport t = impl.getSession().getTransport(impl.getProtocol() == null ? "smtp" : impl.getProtocol());
        String user = impl.getUsername();
        String password = impl.getPassword();
        if ("".equals(user)) {
            user = null;
        }
        if ("".equals(password)) {
            password = null;
        }
        t.connect(impl.getHost(), impl.getPort(), user, password);
        transport = t;
        return t;
    }

    private synchronized void closeSession() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException ignored) {
                // the connection is gone either way
            }
            transport = null;
        }
    }

    @PreDestroy
    void close() {
        closeSession();
    }

    private MimeMessage mime(Notification n) throws MessagingException {
        // the sender's own message type: it carries the sender's cached MIME type map (a plain MimeMessage makes
        // MimeMessageHelper read mime.types from the class path again for every message)
        MimeMessage mime = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, n.html() != null, "UTF-8");
        helper.setFrom(properties.mailFrom());
        helper.setTo(n.recipient());
        helper.setSubject(n.subject());
        if (n.html() != null) {
            helper.setText(n.body(), n.html());
        } else {
            helper.setText(n.body());
        }
        mime.setHeader("X-ChainWatch-Idempotency-Key", n.idempotencyKey());
        mime.setHeader("Message-ID", messageId(n));
        return mime;
    }

    /** Derived from the idempotency key, so a resend after a crash carries the same id. */
    private static String messageId(Notification n) {
        return "<" + n.idempotencyKey() + "@chainwatch>";
    }

    private static boolean invalidAddress(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null
                    && sfe.getInvalidAddresses().length > 0) {
                return true;
            }
        }
        if (e instanceof org.springframework.mail.MailSendException mse) {
            return mse.getFailedMessages().values().stream().anyMatch(EmailNotifier::invalidAddressCause);
        }
        return false;
    }

    private static boolean invalidAddressCause(Exception e) {
        return e instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null
                && sfe.getInvalidAddresses().length > 0;
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            sb.append(" (cause: ").append(root.getClass().getSimpleName()).append(": ").append(root.getMessage()).append(')');
        }
        return sb.toString();
    }
}
