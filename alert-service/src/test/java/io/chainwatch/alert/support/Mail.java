package io.chainwatch.alert.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

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
        try {
            return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> to(mail, recipient), all -> all.stream().filter(match).count() >= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("expected " + count + " matching message(s) to " + recipient + " within "
                    + timeout + ", got " + to(mail, recipient), e);
        }
    }

    /**
     * Holds for {@code quiet} while no further message reaches {@code recipient} (fails as soon as one does): how a
     * test says "and nothing else is sent" about a notification path that would send within that time.
     */
    public static void noMoreFor(GreenMail mail, String recipient, Duration quiet) {
        int before = to(mail, recipient).size();
        Awaitility.await().during(quiet).atMost(quiet.plusSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> to(mail, recipient).size(), n -> n == before);
    }

    /**
     * Lets time pass on purpose (a node left alive for a while, a {@code for} duration running). Waiting for something
     * to happen is {@link #await}; "and nothing more is sent" is {@link #noMoreFor}.
     */
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
