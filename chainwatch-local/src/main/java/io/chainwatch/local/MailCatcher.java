package io.chainwatch.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) that keeps what it receives, shows it on a small web page (newest first), and
 * writes each message once, in arrival order, as an {@code .eml} file ({@code 0001.eml}, ...) into a folder. The
 * numbers go on from the files already there: a previous run's mails stay as they were, never overwritten by this
 * run's (the page shows this run's only).
 */
public final class MailCatcher implements AutoCloseable {

    /** One received message, as a reader sees it. */
    public record Mail(String subject, String to, String sentAt, String body) {
    }

    private final GreenMail smtp;
    private final HttpServer inbox;
    private final Path folder;
    /** Every message received, by Message-ID, in arrival order. */
    private final Map<String, Mail> received = new LinkedHashMap<>();
    /** The highest number of an {@code .eml} file in the folder when this catcher was made. */
    private final int filesBefore;

    public MailCatcher(int smtpPort, int inboxPort, Path folder) {
        this.folder = folder;
        this.smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try {
            Files.createDirectories(folder);
            this.filesBefore = highestNumber(folder);
            this.inbox = HttpServer.create(new InetSocketAddress("127.0.0.1", inboxPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        inbox.createContext("/", exchange -> {
            byte[] page = page().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
    }

    public void start() {
        watchDeliveries();
        smtp.start();
        watchDeliveries();
        inbox.start();
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    public String inboxUrl() {
        return "http://127.0.0.1:" + inbox.getAddress().getPort() + "/";
    }

    public Path folder() {
        return folder;
    }

    /** Every message received so far, oldest first, each once however many of its recipients it reached. */
    public List<Mail> messages() {
        return collect();
    }

    /** How many messages were received so far. */
    public int count() {
        return collect().size();
    }

    /** Stops accepting mail (as if the SMTP server went down); {@link #resumeSmtp()} brings it back. */
    public void stopSmtp() {
        smtp.stop();
    }

    public void resumeSmtp() {
        smtp.start();
        watchDeliveries();
    }

    @Override
    public void close() {
        inbox.stop(0);
        smtp.stop();
    }

    /**
     * Sees every message at its delivery: GreenMail delivers a copy per recipient (into per-recipient mailboxes, which
     * is why its list of received messages is neither in arrival order nor has each message once), so the first
     * delivery of a {@code Message-ID} (without one: of the same bytes) adds the message and writes the next
     * {@code .eml} file. Set again after every start, in case GreenMail made new managers.
     */
    private void watchDeliveries() {
        UserManager users = smtp.getUserManager();
        MessageDeliveryHandler deliver = users.getMessageDeliveryHandler();
        if (deliver instanceof Watching) {
            return;
        }
        users.setMessageDeliveryHandler((Watching) (message, address) -> {
            arrived(message.getMessage());
            return deliver.handle(message, address);
        });
    }

    /** Marks the delivery handler that records arrivals. */
    private interface Watching extends MessageDeliveryHandler {
    }

    /** The highest {@code NNNN} of the folder's {@code NNNN.eml} files; 0 when there is none. */
    private static int highestNumber(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("\\d{4,}\\.eml"))
                    .mapToInt(name -> Integer.parseInt(name.substring(0, name.length() - 4)))
                    .max().orElse(0);
        }
    }

    private synchronized void arrived(MimeMessage message) {
        String key = key(message);
        if (received.containsKey(key)) {
            return; // the same message, delivered to another of its recipients
        }
        received.put(key, toMail(message));
        Path file = folder.resolve(String.format("%04d.eml", filesBefore + received.size()));
        try (OutputStream out = Files.newOutputStream(file)) {
            message.writeTo(out);
        } catch (IOException | MessagingException e) {
            System.err.println("could not write " + file + ": " + e);
        }
    }

    private synchronized List<Mail> collect() {
        return List.copyOf(received.values());
    }

    private static String key(MimeMessage message) {
        try {
            String id = message.getMessageID();
            if (id != null && !id.isBlank()) {
                return id;
            }
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            message.writeTo(bytes);
            return "sha256:" + java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (MessagingException | IOException | java.security.NoSuchAlgorithmException e) {
            return "unreadable:" + System.identityHashCode(message);
        }
    }

    private static Mail toMail(MimeMessage message) {
        try {
            List<String> to = new ArrayList<>();
            Address[] recipients = message.getAllRecipients();
            if (recipients != null) {
                for (Address a : recipients) {
                    to.add(a.toString());
                }
            }
            String sent = message.getSentDate() == null ? ""
                    : DateTimeFormatter.ISO_INSTANT.format(message.getSentDate().toInstant());
            return new Mail(message.getSubject(), String.join(", ", to), sent, GreenMailUtil.getBody(message));
        } catch (MessagingException e) {
            return new Mail("(unreadable message: " + e.getMessage() + ")", "", "", "");
        }
    }

    private String page() {
        List<Mail> mails = new ArrayList<>(messages());
        Collections.reverse(mails);
        StringBuilder html = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
                <title>ChainWatch local inbox</title>
                <style>body{font-family:sans-serif;margin:2em}article{border:1px solid #ccc;border-radius:6px;
                padding:1em;margin:1em 0}h2{font-size:1.1em;margin:0}pre{white-space:pre-wrap}small{color:#666}</style>
                </head><body><h1>ChainWatch local inbox</h1>""");
        html.append("<p>").append(mails.size()).append(" message(s), newest first. Also saved as .eml files in ")
                .append(escape(folder.toAbsolutePath().toString())).append(". This page refreshes every 5 s.</p>");
        for (Mail mail : mails) {
            html.append("<article><h2>").append(escape(mail.subject())).append("</h2><small>to ")
                    .append(escape(mail.to())).append(" · ").append(escape(mail.sentAt()))
                    .append("</small><pre>").append(escape(mail.body())).append("</pre></article>");
        }
        return html.append("</body></html>").toString();
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
