package io.chainwatch.alert.it;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.Http;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.StubHttpServer;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.security.Role;
import io.chainwatch.testkit.FreePorts;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.testkit.TestCallers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organization's SMS receiver with its own Twilio account, while the service has no SMS provider at all: the alert
 * reaches Twilio's Messages API (a protocol-level stand-in checking the account's HTTP Basic credentials and the
 * documented form) with the organization's credentials; the API shows the account but never its Auth Token; another
 * organization can neither see nor change the receiver; settings that do not fit are refused and change nothing.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class SmsAccountPerReceiverIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SID = "AC00000000000000000000000000000001";
    private static final String TOKEN = "org-a-auth-token";

    @Test
    void anOrganizationsOwnTwilioAccountSendsItsSmsAndStaysItsOwn() {
        UUID orgA = UUID.randomUUID();
        UUID orgB = UUID.randomUUID();
        String adminA = TestCallers.member(orgA, Role.ORG_ADMIN, Http.SERVICE);
        String adminB = TestCallers.member(orgB, Role.ORG_ADMIN, Http.SERVICE);
        String basic = "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        try (StubHttpServer twilio = new StubHttpServer(r -> basic.equals(r.header("Authorization"))
                && r.path().equals("/2010-04-01/Accounts/" + SID + "/Messages.json")
                ? new StubHttpServer.Answer(201, "{\"sid\":\"SM1\",\"status\":\"queued\"}")
                : new StubHttpServer.Answer(401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}"));
             AlertApp app = new AlertApp(SharedServers.newDatabase("alert"), FreePorts.next()).start();
             Feeds feeds = new Feeds()) {
            String account = """
                    {"provider": "twilio", "endpoint": "%s", "keyId": "%s", "from": "+15005550006"}"""
                    .formatted(twilio.url(""), SID);

            // refused, nothing written: settings on an e-mail receiver; an account without its secret
            assertThat(Http.as(adminA).postJson(app.url("/api/v1/receivers"), """
                    {"orgId": "%s", "name": "m", "channel": "email", "address": "ops@a.example", "secret": "x",
                     "sms": %s}""".formatted(orgA, account)).statusCode()).isEqualTo(400);
            assertThat(Http.as(adminA).postJson(app.url("/api/v1/receivers"), """
                    {"orgId": "%s", "name": "p", "channel": "sms", "address": "+8613800000001", "sms": %s}"""
                    .formatted(orgA, account)).statusCode()).isEqualTo(400);
            assertThat(Http.as(adminA).postJson(app.url("/api/v1/receivers"), """
                    {"orgId": "%s", "name": "p", "channel": "sms", "address": "+8613800000001", "secret": "t",
                     "sms": {"provider": "carrier-pigeon", "keyId": "k"}}""".formatted(orgA)).statusCode())
                    .isEqualTo(400);
            assertThat(JSON.readTree(Http.as(adminA).getJson(app.url("/api/v1/receivers")).body())).isEmpty();

            HttpResponse<String> created = Http.as(adminA).postJson(app.url("/api/v1/receivers"), """
                    {"orgId": "%s", "name": "oncall-phone", "channel": "sms", "address": "+8613800000001",
                     "secret": "%s", "sms": %s}""".formatted(orgA, TOKEN, account));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).doesNotContain(TOKEN);
            JsonNode view = JSON.readTree(created.body());
            String id = view.get("id").asString();
            assertThat(view.get("sms").get("keyId").asString()).isEqualTo(SID);
            assertThat(view.get("secretSet").asBoolean()).isTrue();

            assertThat(Http.as(adminB).getJson(app.url("/api/v1/receivers/" + id)).statusCode()).isEqualTo(404);
            assertThat(Http.as(adminB).putJson(app.url("/api/v1/receivers/" + id), """
                    {"name": "mine", "channel": "sms", "address": "+8613800000009", "secret": "stolen", "sms": %s}"""
                    .formatted(account)).statusCode()).isEqualTo(404);

            NodeTarget node = ITSupport.target("node-t1", orgA.toString(), "chain-t", UUID.randomUUID().toString());
            feeds.target(node);
            ITSupport.createRule(app, "node_unreachable", orgA, node.chainId(), 1, List.of("ops@a.example"));
            feeds.every(Duration.ofMillis(200), () -> Feeds.failed(node, PollOutcome.REFUSED, "connection refused"));

            Awaitility.await("the SMS at Twilio").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> twilio.requests().stream().anyMatch(r -> basic.equals(r.header("Authorization"))));
            StubHttpServer.Request sms = twilio.requests().get(0);
            assertThat(sms.body()).contains("To=%2B8613800000001", "From=%2B15005550006",
                    "Body=%5BFIRING%5D+Node+unreachable%3A+node-t1");
            assertThat(twilio.requests()).as("sent with organization A's account only")
                    .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(basic));
        }
    }
}
