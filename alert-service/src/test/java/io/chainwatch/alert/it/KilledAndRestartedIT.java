package io.chainwatch.alert.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.AlertServiceApplication;
import io.chainwatch.alert.ingest.SamplesListener;
import io.chainwatch.alert.orgnotification.OrgNotificationListener;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.Http;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.testkit.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * alert-service is killed (SIGKILL, a child JVM) and started again with the same instance id: it rejoins the samples
 * group as the same static member and evaluates at once. The consumer session timeout is set to 60 s here, so an
 * alert within 15 s of the restart shows that nothing waited for the dead member's session to expire (with dynamic
 * membership the restarted consumer's join waits for the dead member first).
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class KilledAndRestartedIT {

    private static final String SESSION_TIMEOUT = "--spring.kafka.consumer.properties.session.timeout.ms=60000";

    @Test
    void aKilledInstanceStartedAgainAlertsWithoutWaitingForItsOldSession() throws Exception {
        String db = SharedServers.newDatabase("alert");
        int smtp = FreePorts.next();
        GreenMail mail = ITSupport.greenMail(smtp);
        mail.start();
        String instanceId = "killed-" + UUID.randomUUID().toString().substring(0, 8);
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        NodeTarget node = ITSupport.target("node-s1", orgId, "chain-s", chainId);
        String ops = "ops-static@acme.example";
        AtomicReference<PollOutcome> outcome = new AtomicReference<>(PollOutcome.OK);
        int httpPort = FreePorts.next();
        int managementPort = FreePorts.next();
        Path log = Path.of("target", "killed-and-restarted-child.log");
        Process child = startChild(db, smtp, httpPort, managementPort, instanceId, log.toFile());
        try (Feeds feeds = new Feeds()) {
            awaitHealthy(managementPort, child, log);
            feeds.target(node);
            assertThat(Http.post("http://127.0.0.1:" + httpPort + "/api/v1/rules", """
                    {"type": "node_unreachable", "orgId": "%s", "chainId": "%s", "forSeconds": 1, "emailTo": ["%s"]}"""
                    .formatted(orgId, chainId, ops)).statusCode()).isEqualTo(201);
            feeds.every(Duration.ofMillis(200), () -> outcome.get() == PollOutcome.OK
                    ? Feeds.ok(node, 3) : Feeds.failed(node, outcome.get(), "connection refused"));
            awaitLog(log, "Samples partitions assigned to this instance", Duration.ofSeconds(60));

            child.destroyForcibly();                                   // SIGKILL: no LeaveGroup, no commit
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

            try (AlertApp restarted = new AlertApp(db, smtp)
                    .with("chainwatch.alert.instance-id", instanceId)
                    .with("spring.kafka.consumer.properties.session.timeout.ms", "60000")
                    .start()) {
                long startedNs = System.nanoTime();
                outcome.set(PollOutcome.REFUSED);
                Mail.await(mail, ops, m -> m.subject().equals("[FIRING] Node unreachable: node-s1 (chain-s)"), 1,
                        Duration.ofSeconds(90));
                double seconds = (System.nanoTime() - startedNs) / 1e9;
                System.out.printf("alert %.1f s after the restarted instance was up%n", seconds);
                // node_unreachable for 1 s, evaluated every 250 ms: a few seconds when the partitions come back at
                // once; a dynamic member waits for the dead one's session (60 s) or a rebalance round first
                assertThat(seconds).as("alerting resumed without waiting for the dead member").isLessThan(15);
                assertThat(Mail.to(mail, ops)).hasSize(1);
            }
        } finally {
            child.destroyForcibly();
            mail.stop();
            leaveGroups(instanceId); // whatever happened above, the next test's instance must not wait for this member
        }
    }

    /**
     * Removes the static member from the service's groups (a no-op when it already left) and waits until the groups
     * have no member left (the killed one's session included), so the next test's instance joins at once.
     */
    private static void leaveGroups(String instanceId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafkaBootstrap()))) {
            List<String> groups = List.of(SamplesListener.GROUP, OrgNotificationListener.GROUP);
            for (String group : groups) {
                try {
                    admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(
                            List.of(new MemberToRemove(instanceId)))).all().get(10, TimeUnit.SECONDS);
                } catch (Exception notAMember) {
                    // already gone
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    boolean empty = admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS).values()
                            .stream().allMatch(g -> g.members().isEmpty());
                    if (empty) {
                        return;
                    }
                } catch (Exception retry) {
                    // the coordinator is busy: ask again
                }
                Mail.sleep(500);
            }
        }
    }

    private static Process startChild(String db, int smtpPort, int httpPort, int managementPort, String instanceId,
                                      File log)
            throws IOException {
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
                "--chainwatch.alert.instance-id=" + instanceId,
                SESSION_TIMEOUT));
        AlertApp.securityProperties().forEach((k, v) -> cmd.add("--" + k + "=" + v));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
    }

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

    private static void awaitLog(Path log, String text, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (java.nio.file.Files.readString(log).contains(text)) {
                return;
            }
            Mail.sleep(200);
        }
        throw new AssertionError("child never logged \"" + text + "\": " + java.nio.file.Files.readString(log));
    }
}
