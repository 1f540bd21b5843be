package io.chainwatch.registry.reconciliation;

import java.util.List;
import java.util.UUID;

import io.chainwatch.registry.platform.FakeBaasServer;
import io.chainwatch.registry.provisioning.ProvisioningTestBase;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconciliation on demand against the BaaS test server ({@link FakeBaasServer}, a protocol-level stand-in for a
 * platform): after a business chain was provisioned, the platform's nodes change; the next run monitors new
 * nodes, retires vanished ones (kept, not polled: a tombstone), follows changed URLs, reinstates returning ones,
 * lists the differences and audits the run. A platform that does not answer changes nothing.
 */
class ReconciliationIT extends ProvisioningTestBase {

    private String name;
    private String chainId;
    private FakeBaasServer.Ledger ledger;

    @BeforeEach
    void provisioned() {
        baas.nodeRpcUrls = List.of("http://127.0.0.1:18545", "http://127.0.0.1:18546");
        name = unique("rec");
        String bc = businessChain(name, "PRIVATE_CHAIN", orgA);
        assertThat(provision(bc, null).path("status").asString()).isEqualTo("SUCCEEDED");
        chainId = get("/api/v1/business-chains/" + bc + "/provisioning").json().path("chains").get(0)
                .path("chainId").asString();
        ledger = baas.ledgers.values().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theNodesFollowWhatThePlatformRuns() {
        JsonNode inSync = reconcile();
        assertThat(inSync.path("status").asString()).isEqualTo("OK");
        assertThat(inSync.path("trigger").asString()).isEqualTo("REQUEST");
        assertThat(inSync.path("chains").asInt()).isEqualTo(1);
        assertThat(inSync.path("differences")).isEmpty();

        String node1 = nodeId(name + "-node-1");
        String node2 = nodeId(name + "-node-2");
        ledger.nodes().remove(name + "-node-1");
        ledger.nodes().put(name + "-node-2", "http://127.0.0.1:28546");
        ledger.nodes().put(name + "-node-3", "http://127.0.0.1:18547");
        JsonNode changed = reconcile();
        assertThat(changed.path("status").asString()).isEqualTo("OK");
        assertThat(changed.path("differences").valueStream().map(d -> d.path("type").asString() + " "
                + d.path("nodeName").asString()).toList()).containsExactlyInAnyOrder(
                "NODE_VANISHED " + name + "-node-1", "NODE_URL_CHANGED " + name + "-node-2",
                "NODE_ADDED " + name + "-node-3");

        List<JsonNode> nodes = nodesOf(chainId);
        assertThat(nodes).hasSize(3);
        JsonNode retired = get("/api/v1/nodes/" + node1).json();
        assertThat(retired.path("retiredAt").isNull()).as("kept, with when it was retired").isFalse();
        assertThat(publishedTarget(node1)).as("a tombstone stops the polling").isNull();
        assertThat(get("/api/v1/nodes/" + node2).json().path("rpcUrl").asString()).isEqualTo("http://127.0.0.1:28546");
        assertThat(json.readTree(publishedTarget(node2)).path("rpcUrl").asString()).isEqualTo("http://127.0.0.1:28546");
        String node3 = nodeId(name + "-node-3");
        assertThat(json.readTree(publishedTarget(node3)).path("chainId").asString()).isEqualTo(chainId);

        ledger.nodes().put(name + "-node-1", "http://127.0.0.1:18545");
        JsonNode back = reconcile();
        assertThat(back.path("differences").valueStream().map(d -> d.path("type").asString()).toList())
                .containsExactly("NODE_REAPPEARED");
        assertThat(get("/api/v1/nodes/" + node1).json().path("retiredAt").isNull()).isTrue();
        assertThat(json.readTree(publishedTarget(node1)).path("nodeId").asString()).isEqualTo(node1);

        Response listed = get("/api/v1/platforms/" + platformId + "/reconciliation");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.header("X-Total-Count")).isEqualTo("3");
        assertThat(listed.json().get(0).path("id").asString()).as("newest first").isEqualTo(back.path("id").asString());
        assertThat(listed.json().get(1).path("differences")).hasSize(3);
        assertThat(get("/api/v1/audit?action=platform.reconcile&resourceId=" + platformId).header("X-Total-Count"))
                .isEqualTo("3");
        assertThat(get("/api/v1/audit?action=node.retire&resourceId=" + node1).header("X-Total-Count")).isEqualTo("1");
    }

    @Test
    void aVanishedChainOrNetworkRetiresItsNodes() {
        baas.ledgers.remove(ledger.id());
        JsonNode run = reconcile();
        assertThat(run.path("differences").valueStream().map(d -> d.path("type").asString()).toList())
                .containsExactly("CHAIN_VANISHED", "NODE_VANISHED", "NODE_VANISHED");
        assertThat(nodesOf(chainId)).hasSize(2).allSatisfy(n -> assertThat(n.path("retiredAt").isNull()).isFalse());
        assertThat(reconcile().path("differences")).as("retired once").hasSize(1);

        baas.networks.remove(ledger.networkId());
        assertThat(reconcile().path("differences").get(0).path("type").asString()).isEqualTo("NETWORK_VANISHED");
    }

    @Test
    void aPlatformThatDoesNotAnswerIsReportedAndNothingChanges() {
        long audit = count("audit_log");
        baas.unavailable = true;
        JsonNode down = reconcile();
        assertThat(down.path("status").asString()).isEqualTo("UNREACHABLE");
        assertThat(down.path("error").asString()).contains("503");
        assertThat(down.path("differences")).isEmpty();
        assertThat(nodesOf(chainId)).hasSize(2).allSatisfy(n -> assertThat(n.path("retiredAt").isNull()).isTrue());
        assertThat(reconcile().path("status").asString()).isEqualTo("UNREACHABLE");
        assertThat(get("/api/v1/notifications?orgId=" + orgA + "&kind=PLATFORM_UNREACHABLE").json())
                .as("reported once per outage").hasSize(1);
        assertThat(count("audit_log")).as("only the two runs are audited").isEqualTo(audit + 2);

        baas.close();
        JsonNode refused = reconcile();
        assertThat(refused.path("status").asString()).isEqualTo("UNREACHABLE");
        assertThat(nodesOf(chainId)).allSatisfy(n -> assertThat(n.path("retiredAt").isNull()).isTrue());
    }

    @Test
    void onlyThePlatformsOrganizationSeesOrRunsIt() {
        String path = "/api/v1/platforms/" + platformId + "/reconciliation";
        Caller adminB = new Caller("user:admin-b", UUID.fromString(orgB), Role.ORG_ADMIN);
        assertThat(as(adminB).get(path).status()).isEqualTo(404);
        assertThat(as(adminB).post(path, "").status()).isEqualTo(404);
        Caller viewerA = new Caller("user:viewer-a", UUID.fromString(orgA), Role.VIEWER);
        assertThat(as(viewerA).get(path).status()).isEqualTo(200);
        assertThat(as(viewerA).post(path, "").status()).isEqualTo(403);
        Response unknown = post("/api/v1/platforms/" + UUID.randomUUID() + "/reconciliation", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(get(path).json()).as("no run was made by the refused calls").isEmpty();
    }

    private JsonNode reconcile() {
        Response run = post("/api/v1/platforms/" + platformId + "/reconciliation", "");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        return run.json();
    }

    private String nodeId(String nodeName) {
        return nodesOf(chainId).stream().filter(n -> n.path("name").asString().equals(nodeName)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + nodeName)).path("id").asString();
    }
}
