package io.chainwatch.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import io.chainwatch.testkit.FreePorts;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local inbox as a person reads it: messages sent over SMTP to one or several recipients, interleaved, appear
 * once each — on the page newest first, as {@code .eml} files numbered in arrival order.
 */
class MailCatcherTest {

    @Test
    void eachMessageOnceInArrivalOrderWhateverItsRecipients(@TempDir Path folder) throws Exception {
        try (MailCatcher catcher = new MailCatcher(FreePorts.next(), FreePorts.next(), folder)) {
            catcher.start();
            send(catcher, "first", "ops@a.example");
            send(catcher, "second", "boss@a.example");
            send(catcher, "third", "ops@a.example", "boss@a.example");
            await().atMost(Duration.ofSeconds(10)).until(() -> catcher.count() == 3);
            send(catcher, "fourth", "ops@a.example");
            send(catcher, "fifth", "other@b.example", "ops@a.example");

            await().atMost(Duration.ofSeconds(10)).until(() -> catcher.count() == 5);
            assertThat(catcher.messages()).extracting(MailCatcher.Mail::subject)
                    .containsExactly("first", "second", "third", "fourth", "fifth");
            assertThat(catcher.messages().get(2).to()).contains("ops@a.example", "boss@a.example");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Stream<Path> files = Files.list(folder)) {
                    List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
                    assertThat(names).containsExactly("0001.eml", "0002.eml", "0003.eml", "0004.eml", "0005.eml");
                }
            });
            for (int i = 1; i <= 5; i++) {
                String eml = Files.readString(folder.resolve(String.format("%04d.eml", i)));
                assertThat(eml).contains("Subject: " + List.of("first", "second", "third", "fourth", "fifth").get(i - 1));
            }

            String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(catcher.inboxUrl())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("5 message(s), newest first");
            assertThat(page.indexOf("<h2>fifth</h2>")).isPositive()
                    .isLessThan(page.indexOf("<h2>fourth</h2>"));
            assertThat(page.indexOf("<h2>second</h2>")).isLessThan(page.indexOf("<h2>first</h2>"));

            // SMTP down and back (as tests of the alert outbox do): what arrives afterwards is kept the same way
            catcher.stopSmtp();
            catcher.resumeSmtp();
            send(catcher, "sixth", "ops@a.example", "boss@a.example");
            await().atMost(Duration.ofSeconds(10)).until(() -> catcher.count() == 6);
            assertThat(catcher.messages().get(5).subject()).isEqualTo("sixth");
            assertThat(folder.resolve("0006.eml")).exists();
            assertThat(catcher.messages()).hasSize(6);
        }
    }

    /** The local stack's inbox folder outlives a run: the next run's mails are numbered on, the old ones kept. */
    @Test
    void aNewRunNumbersItsMailsAfterThoseOfTheRunBefore(@TempDir Path folder) throws Exception {
        try (MailCatcher first = new MailCatcher(FreePorts.next(), FreePorts.next(), folder)) {
            first.start();
            send(first, "[FIRING] Chain stalled: anvil-dev", "ops@a.example");
            send(first, "[RESOLVED] Chain stalled: anvil-dev", "ops@a.example");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(folder.resolve("0002.eml")));
        }
        try (MailCatcher next = new MailCatcher(FreePorts.next(), FreePorts.next(), folder)) {
            next.start();
            send(next, "[FIRING] Node unreachable: anvil-1 (anvil-dev)", "ops@a.example");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(folder.resolve("0003.eml")));
            assertThat(Files.readString(folder.resolve("0001.eml"))).contains("Subject: [FIRING] Chain stalled");
            assertThat(Files.readString(folder.resolve("0002.eml"))).contains("Subject: [RESOLVED] Chain stalled");
            assertThat(Files.readString(folder.resolve("0003.eml"))).contains("Subject: [FIRING] Node unreachable");
            assertThat(next.messages()).extracting(MailCatcher.Mail::subject)
                    .containsExactly("[FIRING] Node unreachable: anvil-1 (anvil-dev)");
        }
    }

    private static void send(MailCatcher catcher, String subject, String... to) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(catcher.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("alerts@chainwatch.local"));
        for (String address : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
        }
        message.setSubject(subject);
        message.setText("body of " + subject);
        Transport.send(message);
    }
}
