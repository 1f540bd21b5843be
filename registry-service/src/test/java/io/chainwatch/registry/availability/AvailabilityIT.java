package io.chainwatch.registry.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.events.AuditEntry;
import io.chainwatch.events.Topics;
import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Availability reports as users read them: state changes recorded in {@code registry.node_state_change} (embedded
 * PostgreSQL; written here as the node status writes them, at chosen past times so the figures are exact), the
 * reports of a node, a chain and an alliance as JSON and CSV, the chain's availability objective and error budget,
 * bad periods as problems, and organization scoping.
 */
class AvailabilityIT extends RegistryTestBase {

    @Autowired
    private KafkaTemplate<String, String> kafka;

    private static final String ERROR = "JSON-RPC error -32000: database corrupted (eth_blockNumber)";
    private static final String TIMEOUT = "connect timed out, \"127.0.0.1:8545\"";

    /** Ten whole hours, two days ago. */
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(48));
    private final Instant t10 = t0.plus(Duration.ofHours(10));

    private record Setup(String org, String chain, String node1, String node2) {
    }

    private Setup setup() {
        String org = createOrganization("availability");
        String chain = createChain(org, "main");
        return new Setup(org, chain, node(chain, "geth-1"), node(chain, "geth-2"));
    }

    private String node(String chain, String name) {
        Response node = post("/api/v1/nodes", "{\"chainId\": \"" + chain + "\", \"name\": \"" + name + "\","
                + " \"rpcUrl\": \"http://127.0.0.1:8545\", \"pollIntervalMs\": 60000}");
        assertThat(node.status()).as(node.body()).isEqualTo(201);
        return node.field("id");
    }

    /** A state change as the node status appends it. */
    private void change(String org, String chain, String node, String from, String to, Instant at, String reason) {
        jdbc.sql("insert into registry.node_state_change (node_id, chain_id, org_id, from_state, to_state, changed_at,"
                        + " reason) values (:node, :chain, :org, :from, :to, :at, :reason)")
                .param("node", UUID.fromString(node)).param("chain", UUID.fromString(chain))
                .param("org", UUID.fromString(org)).param("from", from).param("to", to)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("reason", reason)
                .update();
    }

    private Instant at(double hours) {
        return t0.plus(Duration.ofMinutes(Math.round(hours * 60)));
    }

    /**
     * geth-1: up since before the period, erroring from 1 h (again at 1.5 h: the same stretch), up from 2 h,
     * unreachable from 9 h (still at the end). geth-2: first known at 5 h, up.
     */
    private Setup history() {
        Setup s = setup();
        change(s.org(), s.chain(), s.node1(), null, "up", at(-1), "poll OK");
        change(s.org(), s.chain(), s.node1(), "up", "erroring", at(1), ERROR);
        change(s.org(), s.chain(), s.node1(), "erroring", "erroring", at(1.5), ERROR);
        change(s.org(), s.chain(), s.node1(), "erroring", "up", at(2), "poll OK");
        change(s.org(), s.chain(), s.node1(), "up", "unreachable", at(9), TIMEOUT);
        change(s.org(), s.chain(), s.node1(), "unreachable", "up", at(11), "poll OK"); // after the period
        change(s.org(), s.chain(), s.node2(), null, "up", at(5), "poll OK");
        return s;
    }

    private String period() {
        return "?from=" + t0 + "&to=" + t10;
    }

    @Test
    void aNodesTimePerStateAvailabilityAndOutagesWithTheirCause() {
        Setup s = history();
        Response response = get("/api/v1/nodes/" + s.node1() + "/availability" + period());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode report = response.json();
        assertThat(report.path("scope").asString()).isEqualTo("node");
        assertThat(report.path("name").asString()).isEqualTo("geth-1");
        assertThat(Instant.parse(report.path("from").asString())).isEqualTo(t0);
        assertThat(Instant.parse(report.path("to").asString())).isEqualTo(t10);
        assertThat(report.path("periodSeconds").asDouble()).isEqualTo(36_000.0);
        assertThat(report.path("seconds").path("up").asDouble()).isEqualTo(8 * 3600.0);
        assertThat(report.path("seconds").path("erroring").asDouble()).isEqualTo(3600.0);
        assertThat(report.path("seconds").path("unreachable").asDouble()).isEqualTo(3600.0);
        assertThat(report.path("share").path("up").asDouble()).isCloseTo(0.8, within(1e-9));
        assertThat(report.path("availability").asDouble()).isCloseTo(0.8, within(1e-9));
        assertThat(report.path("objective").isNull()).isTrue();

        JsonNode outages = report.path("outages");
        assertThat(outages).hasSize(2);
        assertThat(outages.get(0).path("nodeId").asString()).isEqualTo(s.node1());
        assertThat(outages.get(0).path("node").asString()).isEqualTo("geth-1");
        assertThat(outages.get(0).path("state").asString()).isEqualTo("erroring");
        assertThat(Instant.parse(outages.get(0).path("start").asString())).isEqualTo(at(1));
        assertThat(Instant.parse(outages.get(0).path("end").asString())).isEqualTo(at(2));
        assertThat(outages.get(0).path("seconds").asDouble()).isEqualTo(3600.0);
        assertThat(outages.get(0).path("cause").asString()).isEqualTo(ERROR);
        assertThat(outages.get(0).path("ongoing").asBoolean()).isFalse();
        assertThat(outages.get(1).path("state").asString()).isEqualTo("unreachable");
        assertThat(Instant.parse(outages.get(1).path("start").asString())).isEqualTo(at(9));
        assertThat(Instant.parse(outages.get(1).path("end").asString())).isEqualTo(t10);
        assertThat(outages.get(1).path("cause").asString()).isEqualTo(TIMEOUT);
        assertThat(outages.get(1).path("ongoing").asBoolean()).isTrue();

        // a period that starts inside an outage begins in the state recorded before it
        JsonNode late = get("/api/v1/nodes/" + s.node1() + "/availability?from=" + at(1.25) + "&to=" + at(3)).json();
        assertThat(late.path("seconds").path("erroring").asDouble()).isEqualTo(2700.0);
        assertThat(late.path("outages").get(0).path("cause").asString()).isEqualTo(ERROR);
    }

    @Test
    void aChainsNodesTogetherWithItsObjectiveAndErrorBudget() {
        Setup s = history();
        JsonNode report = get("/api/v1/chains/" + s.chain() + "/availability" + period()).json();
        assertThat(report.path("scope").asString()).isEqualTo("chain");
        assertThat(report.path("nodes").asInt()).isEqualTo(2);
        // geth-2's first five hours are unknown: left out of the availability
        assertThat(report.path("seconds").path("up").asDouble()).isEqualTo(13 * 3600.0);
        assertThat(report.path("seconds").path("unknown").asDouble()).isEqualTo(5 * 3600.0);
        assertThat(report.path("share").path("up").asDouble()).isCloseTo(13 / 20.0, within(1e-9));
        assertThat(report.path("availability").asDouble()).isCloseTo(13 / 15.0, within(1e-9));
        assertThat(report.path("outages")).hasSize(2);
        assertThat(report.path("objective").isNull()).isTrue();
        assertThat(report.path("errorBudgetLeft").isNull()).isTrue();

        Response objective = send("PUT", "/api/v1/chains/" + s.chain() + "/availability-objective",
                "{\"objective\": 0.9}", "If-Match", get("/api/v1/chains/" + s.chain()).etag());
        assertThat(objective.status()).as(objective.body()).isEqualTo(200);
        report = get("/api/v1/chains/" + s.chain() + "/availability" + period()).json();
        assertThat(report.path("objective").asDouble()).isEqualTo(0.9);
        // 2/15 unavailable against 1/10 allowed: a third over budget
        assertThat(report.path("errorBudgetLeft").asDouble()).isCloseTo(1 - (2 / 15.0) / 0.1, within(1e-9));
    }

    @Test
    void csvOfTheSummaryAndTheOutages() {
        Setup s = history();
        Response csv = withAccept("/api/v1/chains/" + s.chain() + "/availability" + period(), "text/csv");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("row,node_id,node,state,start,end,seconds,share,ongoing,cause,alerts");
        assertThat(lines).contains("state,,,up," + t0 + "," + t10 + ",46800.0,0.65,,,",
                "outage," + s.node1() + ",\"geth-1\",erroring," + at(1) + "," + at(2) + ",3600.0,,false,\""
                        + ERROR + "\",",
                "outage," + s.node1() + ",\"geth-1\",unreachable," + at(9) + "," + t10
                        + ",3600.0,,true,\"connect timed out, \"\"127.0.0.1:8545\"\"\",");
        assertThat(csv.body()).contains("availability,,,," + t0 + "," + t10 + ",36000.0,0.866");

        Response byParameter = get("/api/v1/nodes/" + s.node2() + "/availability" + period() + "&format=csv");
        assertThat(byParameter.status()).isEqualTo(200);
        assertThat(byParameter.contentType()).startsWith("text/csv");
        assertThat(byParameter.body()).startsWith("row,node_id,").doesNotContain("outage,");
    }

    @Test
    void theLastDayByDefault() {
        Setup s = history();
        Instant before = Instant.now();
        JsonNode report = get("/api/v1/nodes/" + s.node2() + "/availability").json();
        Instant to = Instant.parse(report.path("to").asString());
        assertThat(to).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(Instant.parse(report.path("from").asString())).isEqualTo(to.minus(Duration.ofHours(24)));
        assertThat(report.path("periodSeconds").asDouble()).isEqualTo(86_400.0);
        // up since two days ago
        assertThat(report.path("seconds").path("up").asDouble()).isEqualTo(86_400.0);
        assertThat(report.path("availability").asDouble()).isEqualTo(1.0);

        // a period ending in the future counts until now
        JsonNode future = get("/api/v1/nodes/" + s.node2() + "/availability?to=" + Instant.now().plus(Duration.ofDays(3)))
                .json();
        assertThat(Instant.parse(future.path("to").asString())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void badPeriodsAreProblems() {
        Setup s = history();
        String path = "/api/v1/chains/" + s.chain() + "/availability";
        problem(get(path + "?from=yesterday"), "from");
        problem(get(path + "?to=2026-13-01T00:00:00Z"), "to");
        problem(get(path + "?from=" + t10 + "&to=" + t0), "from");
        problem(get(path + "?from=" + t0 + "&to=" + t0), "from");
        problem(get(path + "?from=" + t10.minus(Duration.ofDays(367)) + "&to=" + t10), "366 days");
        problem(get(path + "?format=xml"), "format");
        problem(withAccept(path + "?from=yesterday", "text/csv"), "from");
        assertThat(get("/api/v1/nodes/not-a-uuid/availability").status()).isEqualTo(400);
        assertThat(get("/api/v1/chains/" + UUID.randomUUID() + "/availability").status()).isEqualTo(404);
        assertThat(get("/api/v1/alliances/" + UUID.randomUUID() + "/availability").status()).isEqualTo(404);
    }

    @Test
    void anotherOrganizationSeesNoReport() {
        Setup s = history();
        String other = createOrganization("availability-other");
        Caller outsider = new Caller("user:admin-other", UUID.fromString(other), Role.ORG_ADMIN);
        for (String path : new String[] {"/api/v1/nodes/" + s.node1(), "/api/v1/chains/" + s.chain()}) {
            Response response = as(outsider).get(path + "/availability" + period());
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body()).doesNotContain("geth-1").doesNotContain("erroring");
            assertThat(as(outsider).get(path + "/availability?format=csv").status()).isEqualTo(404);
        }
        Caller viewer = new Caller("user:viewer", UUID.fromString(s.org()), Role.VIEWER);
        assertThat(as(viewer).get("/api/v1/chains/" + s.chain() + "/availability" + period()).json()
                .path("availability").asDouble()).isCloseTo(13 / 15.0, within(1e-9));
    }

    @Test
    void theObjectiveIsValidatedVersionedAuditedAndScoped() {
        Setup s = setup();
        String path = "/api/v1/chains/" + s.chain() + "/availability-objective";
        Response chain = get("/api/v1/chains/" + s.chain());
        assertThat(chain.json().path("availabilityObjective").isNull()).isTrue();
        String etag = chain.etag();

        assertThat(send("PUT", path, "{\"objective\": 0.999}").status()).as("If-Match required").isEqualTo(428);
        for (String bad : new String[] {"0", "1", "1.5", "-0.5", "\"high\""}) {
            Response response = send("PUT", path, "{\"objective\": " + bad + "}", "If-Match", etag);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        Caller outsider = new Caller("user:admin-other", UUID.fromString(createOrganization("objective-other")),
                Role.ORG_ADMIN);
        assertThat(as(outsider).send("PUT", path, "{\"objective\": 0.5}", "If-Match", etag).status()).isEqualTo(404);
        Caller viewer = new Caller("user:viewer", UUID.fromString(s.org()), Role.VIEWER);
        assertThat(as(viewer).send("PUT", path, "{\"objective\": 0.5}", "If-Match", etag).status()).isEqualTo(403);
        assertThat(get("/api/v1/chains/" + s.chain()).json().path("availabilityObjective").isNull())
                .as("nothing changed").isTrue();
        assertThat(get("/api/v1/chains/" + s.chain()).etag()).isEqualTo(etag);

        Response set = send("PUT", path, "{\"objective\": 0.999}", "If-Match", etag);
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().path("availabilityObjective").asDouble()).isEqualTo(0.999);
        assertThat(set.etag()).isNotEqualTo(etag);
        assertThat(get("/api/v1/chains/" + s.chain()).json().path("availabilityObjective").asDouble()).isEqualTo(0.999);
        assertThat(get("/api/v1/chains?orgId=" + s.org()).json().get(0).path("availabilityObjective").asDouble())
                .isEqualTo(0.999);
        assertThat(send("PUT", path, "{\"objective\": 0.5}", "If-Match", etag).status()).as("stale ETag")
                .isEqualTo(412);

        Response cleared = send("PUT", path, "{\"objective\": null}", "If-Match", set.etag());
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().path("availabilityObjective").isNull()).isTrue();
        assertThat(get("/api/v1/audit?resourceType=chain&resourceId=" + s.chain()).json().valueStream()
                .map(e -> e.path("action").asString()).filter("chain.update"::equals).count()).isEqualTo(2);
    }

    /**
     * An alliance's report covers the nodes of the chains linked to its business chains: a member sees its own
     * organization's among them, a platform admin every member's; an invited organization and an outsider see none.
     */
    @Test
    void anAlliancesNodesAsEachMemberMaySeeThem() {
        String a = consortiumOrg();
        String b = consortiumOrg();
        String invited = consortiumOrg();
        String outsider = consortiumOrg();
        Response created = post("/api/v1/alliances", "{\"name\": \"" + unique("avail") + "\", \"platform\": \"ETHEREUM\","
                + " \"creatorOrgId\": \"" + a + "\", \"invitedOrgIds\": [\"" + b + "\", \"" + invited + "\"]}");
        assertThat(awaitTask(created.field("taskId")).path("status").asString()).isEqualTo("SUCCEEDED");
        String alliance = created.field("allianceId");
        assertThat(send("POST", "/api/v1/alliances/" + alliance + "/invitations/" + b, "{\"accept\": true}").status())
                .isEqualTo(200);
        Response businessChain = post("/api/v1/business-chains", "{\"allianceId\": \"" + alliance + "\", \"ownerOrgId\": \""
                + a + "\", \"name\": \"" + unique("bc") + "\", \"createMode\": \"ISOLATED_SINGLE_CHAINS\", \"memberOrgIds\": [\""
                + a + "\", \"" + b + "\"]}");
        assertThat(businessChain.status()).as(businessChain.body()).isEqualTo(201);

        String chainA = createChain(a, "shared");
        String nodeA = node(chainA, "a-peer");
        String chainB = createChain(b, "shared");
        String nodeB = node(chainB, "b-peer");
        String unlinked = createChain(a, "own");
        String nodeOwn = node(unlinked, "a-own");
        for (String chain : new String[] {chainA, chainB}) {
            Response link = send("PUT", "/api/v1/chains/" + chain + "/business-chain",
                    "{\"businessChainId\": \"" + businessChain.field("id") + "\"}");
            assertThat(link.status()).as(link.body()).isEqualTo(200);
        }
        change(a, chainA, nodeA, null, "up", at(-1), "poll OK");
        change(b, chainB, nodeB, null, "erroring", at(-1), ERROR);
        change(a, unlinked, nodeOwn, null, "unreachable", at(-1), TIMEOUT);
        String path = "/api/v1/alliances/" + alliance + "/availability" + period();

        JsonNode all = get(path).json();
        assertThat(all.path("scope").asString()).isEqualTo("alliance");
        assertThat(all.path("nodes").asInt()).isEqualTo(2);
        assertThat(all.path("availability").asDouble()).isEqualTo(0.5);
        assertThat(all.path("outages")).hasSize(1);
        assertThat(all.path("outages").get(0).path("node").asString()).isEqualTo("b-peer");

        Response ofA = as(new Caller("user:a", UUID.fromString(a), Role.VIEWER)).get(path);
        assertThat(ofA.status()).isEqualTo(200);
        assertThat(ofA.json().path("nodes").asInt()).isEqualTo(1);
        assertThat(ofA.json().path("availability").asDouble()).isEqualTo(1.0);
        assertThat(ofA.body()).doesNotContain("b-peer").doesNotContain("-32000").doesNotContain("a-own");

        Response ofB = as(new Caller("user:b", UUID.fromString(b), Role.VIEWER)).get(path);
        assertThat(ofB.json().path("nodes").asInt()).isEqualTo(1);
        assertThat(ofB.json().path("availability").asDouble()).isEqualTo(0.0);
        assertThat(ofB.json().path("outages").get(0).path("cause").asString()).isEqualTo(ERROR);
        assertThat(ofB.body()).doesNotContain("a-peer");

        for (String org : new String[] {invited, outsider}) {
            Response none = as(new Caller("user:x", UUID.fromString(org), Role.ORG_ADMIN)).get(path);
            assertThat(none.status()).isEqualTo(404);
            assertThat(none.contentType()).startsWith("application/problem+json");
            assertThat(none.body()).doesNotContain("peer");
        }
    }

    private String consortiumOrg() {
        Response response = post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@acme.example", "category": "CLOUD", "resourceSpace":
                 {"type": "TENANT", "tenantId": "%s", "projectId": "p"}}""".formatted(unique("avail-org"), unique("t")));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.field("id");
    }

    /** The last 24 h of each chain as a gauge at /actuator/prometheus, recomputed from the table on a schedule. */
    @Test
    void eachChainsAvailabilityOfTheLastDayIsAGauge() {
        Setup s = setup();
        String org = get("/api/v1/organizations/" + s.org()).field("name");
        Instant now = Instant.now();
        change(s.org(), s.chain(), s.node1(), null, "up", now.minus(Duration.ofHours(30)), "poll OK");
        change(s.org(), s.chain(), s.node1(), "up", "unreachable", now.minus(Duration.ofHours(6)), TIMEOUT);
        change(s.org(), s.chain(), s.node2(), null, "up", now.minus(Duration.ofHours(30)), "poll OK");
        // 42 of the 48 node-hours up
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gauge(org, "main")).isCloseTo(0.875,
                within(0.001)));

        // a chain whose nodes have no known state yet shows NaN (the series exists as soon as it has a node)
        String fresh = createChain(s.org(), "fresh");
        node(fresh, "new-node");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                gauge(org, "fresh")).isNaN());
    }

    /** The value of {@code chainwatch_chain_availability_ratio} of the chain at /actuator/prometheus. */
    private double gauge(String org, String chain) {
        String metrics = management("/actuator/prometheus").body();
        return metrics.lines().filter(line -> line.startsWith("chainwatch_chain_availability_ratio{")
                        && line.contains("chain=\"" + chain + "\"") && line.contains("org=\"" + org + "\""))
                .findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError(chain + " of " + org + " not exported"));
    }

    /**
     * The outages agree with the alert history of the same period: node_unreachable alerts (forSeconds 600) as the
     * alert service publishes their transitions on {@code chainwatch.audit} (embedded Kafka), stored by the registry,
     * are named in the outages they belong to, and each outage lasts its alert's firing time plus the rule's 600 s;
     * alerts outside any outage are named in none.
     */
    @Test
    void outagesAgreeWithTheAlertHistoryOfThePeriod() throws Exception {
        Setup s = history();
        String unreachable = "fp-" + UUID.randomUUID().toString().replace("-", "");
        String lagging = "fp-" + UUID.randomUUID().toString().replace("-", "");
        Duration forSeconds = Duration.ofSeconds(600);
        alert(s, s.node1(), unreachable, "node_unreachable", "firing", at(1).plus(forSeconds));
        alert(s, s.node1(), unreachable, "node_unreachable", "resolved", at(2));
        alert(s, s.node1(), lagging, "lagging", "firing", at(4)); // while up: in no outage
        alert(s, s.node1(), lagging, "lagging", "resolved", at(4.5));
        alert(s, s.node1(), unreachable, "node_unreachable", "firing", at(9).plus(forSeconds));
        alert(s, s.node1(), unreachable, "node_unreachable", "resolved", at(11));

        String path = "/api/v1/chains/" + s.chain() + "/availability" + period();
        await().atMost(Duration.ofSeconds(30)).until(() -> get(path).json().path("outages").get(1).path("alerts")
                .size() == 1);
        JsonNode outages = get(path).json().path("outages");
        assertThat(outages).hasSize(2);
        double outageSeconds = 0;
        double alertSeconds = 0;
        for (JsonNode outage : outages) {
            assertThat(outage.path("alerts")).hasSize(1);
            JsonNode alert = outage.path("alerts").get(0);
            assertThat(alert.path("fingerprint").asString()).isEqualTo(unreachable);
            assertThat(alert.path("ruleType").asString()).isEqualTo("node_unreachable");
            Instant start = Instant.parse(outage.path("start").asString());
            Instant end = Instant.parse(outage.path("end").asString());
            Instant fired = Instant.parse(alert.path("firedAt").asString());
            assertThat(fired).isEqualTo(start.plus(forSeconds));
            Instant resolved;
            if (outage.path("ongoing").asBoolean()) { // resolved after the period: still firing at its end
                assertThat(alert.path("resolvedAt").isNull()).isTrue();
                resolved = t10;
            } else {
                resolved = Instant.parse(alert.path("resolvedAt").asString());
                assertThat(resolved).isEqualTo(end);
            }
            outageSeconds += outage.path("seconds").asDouble();
            alertSeconds += Duration.between(fired, resolved).toSeconds();
        }
        assertThat(outageSeconds - alertSeconds).isEqualTo(2.0 * forSeconds.toSeconds());

        Response csv = get(path + "&format=csv");
        assertThat(csv.body()).contains("\"node_unreachable:" + unreachable + "\"\r\n").doesNotContain(lagging);
    }

    /** An alert transition as alert-service's TransitionAudit publishes it. */
    private void alert(Setup s, String node, String fingerprint, String ruleType, String status, Instant at)
            throws Exception {
        AuditEntry entry = new AuditEntry(UUID.randomUUID().toString(), "alert", s.org(), "system:alert-engine", null,
                "alert." + status, "alert", fingerprint, "success", at.toEpochMilli(),
                Map.of("ruleId", UUID.randomUUID().toString(), "ruleType", ruleType, "severity", "critical",
                        "chainId", s.chain(), "nodeId", node));
        kafka.send(Topics.AUDIT, s.org(), json.writeValueAsString(entry)).get();
    }

    private Response withAccept(String path, String accept) {
        return send("GET", path, null, "Accept", accept);
    }

    private static void problem(Response response, String mentioned) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains(mentioned);
    }
}
