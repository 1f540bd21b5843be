package io.chainwatch.alert.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Reading GreenMail's inbox in tests. */
public final class Mail {

    private Mail() {
    }

    /** A received message: first recipient, subject, body. */
    public record Received(String to, String subject, String body) {
    }

    public static List<Received> received(GreenMail mail) {
        return Arrays.stream(mail.getReceivedMessages()).map(Mail::read).toList();
    }

    public static List<Received> to(GreenMail mail, String recipient) {
        return received(mail).stream().filter(m -> m.to().equalsIgnoreCase(recipient)).toList();
    }

    /** Waits until {@code count} messages to {@code recipient} match, then returns them all (matching or not). */
    public static List<Received> await(GreenMail mail, String recipient, Predicate<Received> match, int count,
                                       Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Received> all = to(mail, recipient);
            if (all.stream().filter(match).count() >= count) {
                return all;
            }
            sleep(100);
        }
        throw new AssertionError("expected " + count + " matching message(s) to " + recipient + " within " + timeout
                + ", got " + to(mail, recipient));
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The plain-text part (the whole content of a single-part message). */
    public static String text(jakarta.mail.Part part) throws MessagingException, java.io.IOException {
        Object content = part.getContent();
        if (content instanceof jakarta.mail.Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                String t = text(mp.getBodyPart(i));
                if (t != null) {
                    return t;
                }
            }
            return null;
        }
        return part.isMimeType("text/plain") ? String.valueOf(content) : null;
    }

    /** The HTML part, or null. */
    public static String html(MimeMessage m) {
        try {
            return html((jakarta.mail.Part) m);
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String html(jakarta.mail.Part part) throws MessagingException, java.io.IOException {
        Object content = part.getContent();
        if (content instanceof jakarta.mail.Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                String t = html(mp.getBodyPart(i));
                if (t != null) {
                    return t;
                }
            }
            return null;
        }
        return part.isMimeType("text/html") ? String.valueOf(content) : null;
    }

    private static Received read(MimeMessage m) {
        try {
            return new Received(m.getAllRecipients()[0].toString(), m.getSubject(), text(m).replace("\r\n", "\n"));
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
