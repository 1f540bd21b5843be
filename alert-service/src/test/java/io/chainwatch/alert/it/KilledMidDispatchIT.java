package io.chainwatch.alert.it;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.AlertServiceApplication;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.Http;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service is killed in the middle of sending and started again: nothing is lost, nothing is sent twice.
 *
 * <p>The first instance runs in a <b>child JVM</b> (the test's own classpath) so it can really be killed:
 * {@code destroyForcibly()} is SIGKILL — no shutdown hook, no graceful close; PostgreSQL sees its connections
 * drop and rolls back its open transactions. Its SMTP server is a stub that takes the whole message (up to the
 * final ".") and then never answers, so the kill lands while the first notification is on the wire and a second
 * one waits in the outbox. A second instance (in this JVM, with a real SMTP server) over the same database must
 * deliver each notification exactly once; the stub never accepted anything, so nothing was delivered before.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class KilledMidDispatchIT {

    @Test
    void killedWhileSendingThenRestartedDeliversEachNotificationOnce() throws Exception {
        String db = SharedServers.newDatabase("alert");
        String orgId = UUID.randomUUID().toString();
        NodeTarget a = ITSupport.target("node-k1", orgId, "chain-k1", UUID.randomUUID().toString());
        NodeTarget b = ITSupport.target("node-k2", orgId, "chain-k2", UUID.randomUUID().toString());
        String ops = "ops-kill@acme.example";
        StallingSmtp stub = new StallingSmtp();
        int httpPort = FreePorts.next();
        int managementPort = FreePorts.next();
        Path log = Path.of("target", "killed-mid-dispatch-child.log");
        Process child = startChild(db, stub.port(), httpPort, managementPort, log.toFile());
        int smtp = FreePorts.next();
        GreenMail mail = ITSupport.greenMail(smtp);
        try (Feeds feeds = new Feeds()) {
            awaitHealthy(managementPort, child, log);
            String base = "http://127.0.0.1:" + httpPort;
            feeds.target(a);
            feeds.target(b);
            for (NodeTarget n : List.of(a, b)) {
                assertThat(Http.post(base + "/api/v1/rules", """
                        {"type": "node_unreachable", "orgId": "%s", "chainId": "%s", "forSeconds": 1,
                         "emailTo": ["%s"]}""".formatted(orgId, n.chainId(), ops)).statusCode()).isEqualTo(201);
                feeds.every(Duration.ofMillis(200), () -> Feeds.failed(n, PollOutcome.REFUSED, "connection refused"));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (stub.messagesOnTheWire() == 0 && System.nanoTime() < deadline) {
                Mail.sleep(50);
            }
            assertThat(stub.messagesOnTheWire()).as("the first instance is in the middle of sending").isEqualTo(1);

            child.destroyForcibly();                                  // SIGKILL mid-dispatch
            assertThat(child.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            stub.close();

            mail.start();
            try (AlertApp restarted = new AlertApp(db, smtp).start()) {
                String firingA = "[FIRING] Node unreachable: node-k1 (chain-k1)";
                String firingB = "[FIRING] Node unreachable: node-k2 (chain-k2)";
                Mail.await(mail, ops, m -> m.subject().equals(firingA) || m.subject().equals(firingB), 2,
                        Duration.ofSeconds(30));
                Mail.noMoreFor(mail, ops, Duration.ofMillis(3000));
                List<Mail.Received> received = Mail.to(mail, ops);
                assertThat(received).extracting(Mail.Received::subject).containsExactlyInAnyOrder(firingA, firingB);
                assertThat(restarted.jdbc().sql("select count(*) from alert.notification_outbox where sent_at is not null")
                        .query(Long.class).single()).isEqualTo(2L);
                assertThat(restarted.jdbc().sql("select count(*) from alert.notification_outbox")
                        .query(Long.class).single()).isEqualTo(2L);
            }
        } finally {
            child.destroyForcibly();
            stub.close();
            mail.stop();
        }
    }

    private static Process startChild(String db, int smtpPort, int httpPort, int managementPort, File log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                AlertServiceApplication.class.getName(),
                "--server.port=" + httpPort,
                "--management.server.port=" + managementPort,
                "--chainwatch.alert.rules.require-known-chain=false",
                "--spring.datasource.url=" + db,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.kafka.bootstrap-servers=" + SharedServers.kafkaBootstrap(),
                "--spring.kafka.consumer.auto-offset-reset=earliest",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--spring.mail.properties.mail.smtp.connectiontimeout=120000",
                "--spring.mail.properties.mail.smtp.timeout=120000",
                "--chainwatch.alert.group-wait=100ms"));
        AlertApp.securityProperties().forEach((k, v) -> cmd.add("--" + k + "=" + v));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
    }

    /** Waits until the management port's health endpoint answers. */
    private static void awaitHealthy(int port, Process child, Path log) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new AssertionError("child exited: " + java.nio.file.Files.readString(log));
            }
            try {
                if (Http.get("http://127.0.0.1:" + port + "/actuator/health").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Mail.sleep(200);
        }
        throw new AssertionError("child not healthy in time: " + java.nio.file.Files.readString(log));
    }

    /** An SMTP server that takes messages up to the final "." and then never answers. */
    private static final class StallingSmtp implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0);
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final AtomicInteger onTheWire = new AtomicInteger();
        private final Thread acceptor;

        StallingSmtp() throws IOException {
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        sockets.add(s);
                        Thread t = new Thread(() -> converse(s));
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int messagesOnTheWire() {
            return onTheWire.get();
        }

        private void converse(Socket s) {
            try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                 OutputStream out = s.getOutputStream()) {
                write(out, "220 stub ESMTP");
                boolean data = false;
                for (String line; (line = in.readLine()) != null; ) {
                    if (data) {
                        if (line.equals(".")) {
                            onTheWire.incrementAndGet();
                            data = false;
                            // never answer "250": the sender waits for the acceptance that never comes
                        }
                        continue;
                    }
                    String cmd = line.toUpperCase();
                    if (cmd.startsWith("EHLO") || cmd.startsWith("HELO") || cmd.startsWith("MAIL")
                            || cmd.startsWith("RCPT") || cmd.startsWith("RSET") || cmd.startsWith("NOOP")) {
                        write(out, "250 OK");
                    } else if (cmd.startsWith("DATA")) {
                        write(out, "354 go ahead");
                        data = true;
                    } else if (cmd.startsWith("QUIT")) {
                        write(out, "221 bye");
                        return;
                    } else {
                        write(out, "502 not implemented");
                    }
                }
            } catch (IOException closed) {
                // the sender died or we closed
            }
        }

        private static void write(OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
