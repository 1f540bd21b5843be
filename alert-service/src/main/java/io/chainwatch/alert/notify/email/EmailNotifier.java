package io.chainwatch.alert.notify.email;

import io.chainwatch.alert.AlertProperties;
import io.chainwatch.alert.notify.Notification;
import io.chainwatch.alert.notify.Notifier;
import jakarta.mail.SendFailedException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends e-mail over SMTP. Connection and server failures are retryable; a malformed message or an address the
 * server rejects as invalid is not.
 */
@Component
public class EmailNotifier implements Notifier {

    public static final String CHANNEL = "email";

    private final JavaMailSender sender;
    private final AlertProperties properties;

    public EmailNotifier(JavaMailSender sender, AlertProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Result send(Notification n) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.mailFrom());
        message.setTo(n.recipient());
        message.setSubject(n.subject());
        message.setText(n.body());
        try {
            sender.send(message);
            return Result.ok();
        } catch (MailParseException | MailPreparationException e) {
            return Result.giveUp(describe(e));
        } catch (MailException e) {
            return invalidAddress(e) ? Result.giveUp(describe(e)) : Result.retry(describe(e));
        } catch (RuntimeException e) {
            return Result.retry(describe(e));
        }
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
