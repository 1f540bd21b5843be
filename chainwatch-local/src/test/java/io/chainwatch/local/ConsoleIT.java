package io.chainwatch.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console end to end, in Debian's Chromium driven by playwright-core ({@code console/e2e/console.e2e.mjs}),
 * against the whole local stack: people sign in at the identity service (code + PKCE), register a chain and a node,
 * see its availability, create a rule (inline validation, dry-run drawn as a chart), see the alert of a stalled anvil
 * in the console within 5 s of the API, acknowledge and silence it; create, edit (inline validation) and test a
 * receiver; a viewer sees no button they may not press; another organization's admin sees none of
 * it, asks to join an alliance, which this organization's admin approves, and follows the task to its end; axe-core
 * finds no serious violation on any page, and every page is photographed in English and Chinese into
 * {@code docs/console/}; the task page names the join task and its steps. Here: the mail of the alert and the
 * receiver's test mail in the inbox.
 */
class ConsoleIT {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final String MAIL_TO = "oncall@acme.example";

    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's Chromium is not installed (apt-get install -y chromium;"
                + " run-tests.sh does it)");
        Path work = Files.createTempDirectory("chainwatch-console");
        stack = LocalStack.start(LocalStack.Settings.ephemeral(LocalStackMain.repoRoot(), work));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theConsoleEndToEndInChromium() throws Exception {
        ApiClient api = stack.api();
        String acme = api.create("/api/v1/organizations", "{\"name\":\"acme\",\"contactEmail\":\"" + MAIL_TO + "\"}");
        String globex = api.create("/api/v1/organizations", "{\"name\":\"globex\",\"contactEmail\":\"ops@globex.example\"}");
        String opsPassword = stack.addPerson("olivia", acme, "org-admin");
        String viewerPassword = stack.addPerson("victor", acme, "viewer");
        String otherPassword = stack.addPerson("gordon", globex, "org-admin");

        ApiClient.Response created = api.post("/api/v1/alliances", "{\"name\":\"acme-alliance\",\"platform\":\"ETHEREUM\","
                + "\"creatorOrgId\":\"" + acme + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        String alliance = created.text("allianceId");
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/alliances/" + alliance).body(),
                body -> body.contains("\"status\":\"ACTIVE\""));

        Path repo = LocalStackMain.repoRoot();
        Path log = stack.settings().workDir().resolve("console-e2e.log");
        ProcessBuilder node = new ProcessBuilder("node", "e2e/console.e2e.mjs").directory(repo.resolve("console").toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        node.environment().putAll(Map.of("BASE", stack.gatewayUrl(), "ANVIL_RPC", stack.anvil().rpcUrl(),
                "ALLIANCE_ID", alliance, "SHOTS", repo.resolve("docs/console").toString(), "MAIL_TO", MAIL_TO,
                "CHROMIUM", CHROMIUM.toString(),
                "OPS_USER", "olivia", "OPS_PASSWORD", opsPassword, "VIEWER_USER", "victor"));
        node.environment().putAll(Map.of("VIEWER_PASSWORD", viewerPassword, "OTHER_USER", "gordon",
                "OTHER_PASSWORD", otherPassword));
        Process process = node.start();
        boolean ended = process.waitFor(8, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(ended).as("the browser test ended within 8 minutes").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("alert shown in the console", "the join task succeeded", "availability shown",
                "the task page names the task and its steps", "receiver edited", "test sent", "dry run drawn",
                "axe: no serious violation on any page");

        // the alert's mail, to the address the rule made in the console names
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.mail().messages().stream()
                .anyMatch(m -> m.subject().contains("[FIRING]") && m.subject().contains("e2e-chain")
                        && m.to().contains(MAIL_TO)));
        // the receiver's test message, sent from the receivers page through the outbox
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.mail().messages().stream()
                .anyMatch(m -> m.subject().startsWith("[TEST]") && m.subject().contains("e2e-receiver")
                        && m.to().contains(MAIL_TO)));
        List<MailCatcher.Mail> mails = stack.mail().messages();
        assertThat(mails).isNotEmpty();
    }
}
