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
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) that keeps what it receives, shows it on a small web page, and writes each
 * message as an {@code .eml} file into a folder.
 */
public final class MailCatcher implements AutoCloseable {

    /** One received message, as a reader sees it. */
    public record Mail(String subject, String to, String sentAt, String body) {
    }

    private final GreenMail smtp;
    private final HttpServer inbox;
    private final Path folder;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mail-catcher-eml");
        t.setDaemon(true);
        return t;
    });
    private int written;

    public MailCatcher(int smtpPort, int inboxPort, Path folder) {
        this.folder = folder;
        this.smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try {
            Files.createDirectories(folder);
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
        smtp.start();
        inbox.start();
        writer.scheduleWithFixedDelay(this::writeNewMessages, 500, 500, TimeUnit.MILLISECONDS);
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

    /** Every message received so far, oldest first. */
    public List<Mail> messages() {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            mails.add(toMail(message));
        }
        return mails;
    }

    /** How many messages were received so far (cheap: nothing is parsed). */
    public int count() {
        return smtp.getReceivedMessages().length;
    }

    /** Stops accepting mail (as if the SMTP server went down); {@link #resumeSmtp()} brings it back. */
    public void stopSmtp() {
        smtp.stop();
    }

    public void resumeSmtp() {
        smtp.start();
    }

    @Override
    public void close() {
        writer.shutdownNow();
        inbox.stop(0);
        smtp.stop();
    }

    private synchronized void writeNewMessages() {
        MimeMessage[] received = smtp.getReceivedMessages();
        for (; written < received.length; written++) {
            Path file = folder.resolve(String.format("%04d.eml", written + 1));
            try (OutputStream out = Files.newOutputStream(file)) {
                received[written].writeTo(out);
            } catch (IOException | MessagingException e) {
                System.err.println("could not write " + file + ": " + e);
            }
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
        List<Mail> mails = messages();
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
