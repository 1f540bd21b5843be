package io.chainwatch.registry.provisioning;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import io.chainwatch.registry.platform.FakeBaasServer;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A business chain built on a BaaS platform (a protocol-level test server, {@link FakeBaasServer}) in each create
 * mode: the platform receives the network and chain management calls, the task shows its steps, the chains and
 * the nodes the platform reports become monitored (their targets published) without another call; a step that
 * fails in the middle rolls back, on the platform and in the registry, what the completed ones created.
 */
class ProvisioningIT extends ProvisioningTestBase {

    private static final List<String> RPC = List.of("http://127.0.0.1:18545", "http://127.0.0.1:18546");

    @Test
    void aPrivateChainIsCreatedOnThePlatformAndItsNodesAreMonitored() {
        baas.nodeRpcUrls = RPC;
        String name = unique("private");
        String bc = businessChain(name, "PRIVATE_CHAIN", orgA);
        JsonNode task = provision(bc, "\"consensus\": \"pbft\"");
        assertThat(task.path("status").asString()).as(task.toString()).isEqualTo("SUCCEEDED");
        assertThat(task.path("percent").asInt()).isEqualTo(100);
        assertThat(steps(task)).containsExactly("createNetwork " + name, "createChain " + name, "monitor " + name);

        assertThat(baas.networks.values()).singleElement().satisfies(n -> assertThat(n.name()).isEqualTo(name));
        FakeBaasServer.Ledger ledger = baas.ledgers.values().stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow();
        assertThat(baas.seen).anySatisfy(seen -> {
            assertThat(seen.pathAndQuery()).isEqualTo("/mgmt/networks/" + ledger.networkId() + "/ledgers");
            assertThat(json.readTree(seen.body())).isEqualTo(json.readTree(
                    "{\"ledgerName\": \"" + name + "\", \"consensusAlgo\": \"pbft\"}"));
            assertThat(seen.authenticated()).isTrue();
        });

        JsonNode state = get("/api/v1/business-chains/" + bc + "/provisioning").json();
        assertThat(state.path("chains")).hasSize(1);
        JsonNode chain = state.path("chains").get(0);
        assertThat(chain.path("externalChainId").asString()).isEqualTo(ledger.id());
        assertThat(chain.path("networkId").asString()).isEqualTo(ledger.networkId());
        assertThat(chain.path("chainName").asString()).isEqualTo(name);
        String chainId = chain.path("chainId").asString();
        assertThat(get("/api/v1/chains/" + chainId + "/business-chain").json().path("businessChainId").asString())
                .isEqualTo(bc);

        List<JsonNode> nodes = nodesOf(chainId);
        assertThat(nodes).extracting(n -> n.path("name").asString())
                .containsExactly(name + "-node-1", name + "-node-2");
        assertThat(nodes).extracting(n -> n.path("rpcUrl").asString()).containsExactlyElementsOf(RPC);
        for (JsonNode node : nodes) {
            String target = publishedTarget(node.path("id").asString());
            assertThat(json.readTree(target).path("chainId").asString()).isEqualTo(chainId);
            assertThat(json.readTree(target).path("allianceIds").toString()).contains(allianceId);
        }
        assertThat(get("/api/v1/audit?action=platform.createNetwork&resourceId=" + platformId).header("X-Total-Count"))
                .isEqualTo("1");
        assertThat(get("/api/v1/audit?action=business-chain.provision&resourceId=" + bc).header("X-Total-Count"))
                .isEqualTo("1");
        Response again = post("/api/v1/business-chains/" + bc + "/provisioning",
                "{\"platformId\": \"" + platformId + "\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().path("detail").asString()).contains("already provisioned");
    }

    @Test
    void isolatedChainsGiveEveryMemberItsOwnNetworkAndChain() {
        baas.nodeRpcUrls = RPC.subList(0, 1);
        String name = unique("isolated");
        String bc = businessChain(name, "ISOLATED_SINGLE_CHAINS", orgA, orgB);
        JsonNode task = provision(bc, null);
        assertThat(task.path("status").asString()).as(task.toString()).isEqualTo("SUCCEEDED");
        assertThat(steps(task)).hasSize(6).filteredOn(s -> s.startsWith("createNetwork")).hasSize(2);
        assertThat(baas.networks).hasSize(2);
        assertThat(baas.ledgers).hasSize(2);

        JsonNode chains = get("/api/v1/business-chains/" + bc + "/provisioning").json().path("chains");
        assertThat(chains.valueStream().map(c -> c.path("orgId").asString()).toList())
                .containsExactlyInAnyOrder(orgA, orgB);
        for (JsonNode chain : chains) {
            assertThat(nodesOf(chain.path("chainId").asString())).hasSize(1);
        }
        assertThat(get("/api/v1/chains?orgId=" + orgB).json().valueStream().map(c -> c.path("name").asString()))
                .anyMatch(n -> n.startsWith(name + "-"));
    }

    @Test
    void subchainsShareOneNetworkThatEveryMemberJoins() {
        baas.nodeRpcUrls = RPC;
        String name = unique("shared");
        String bc = businessChain(name, "MULTI_SUBCHAIN_SHARED_NODES", orgA, orgB);
        JsonNode task = provision(bc, "\"subchains\": [\"orders\", \"payments\"]");
        assertThat(task.path("status").asString()).as(task.toString()).isEqualTo("SUCCEEDED");
        assertThat(steps(task)).containsExactly("createNetwork " + name, "joinNetwork " + name + "/" + orgB,
                "createChain orders", "createChain payments", "joinChain orders/" + orgB, "joinChain payments/" + orgB,
                "monitor orders", "monitor payments");
        FakeBaasServer.Network network = baas.networks.values().iterator().next();
        assertThat(network.members()).containsExactly(orgB);
        assertThat(baas.ledgers.values()).hasSize(2).allSatisfy(ledger -> {
            assertThat(ledger.networkId()).isEqualTo(network.id());
            assertThat(ledger.members()).containsExactly(orgB);
        });
        JsonNode chains = get("/api/v1/business-chains/" + bc + "/provisioning").json().path("chains");
        assertThat(chains.valueStream().map(c -> c.path("chainName").asString()).toList())
                .containsExactlyInAnyOrder(name + "-orders", name + "-payments");
        assertThat(chains.valueStream().map(c -> c.path("orgId").asString()).toList()).containsOnly(orgA);
    }

    @Test
    void aPlatformFailureInTheMiddleRollsBackWhatWasCreated() {
        baas.nodeRpcUrls = RPC;
        baas.refuseLedgers.add("payments");
        String name = unique("failing");
        String bc = businessChain(name, "MULTI_SUBCHAIN_SHARED_NODES", orgA, orgB);
        JsonNode task = provision(bc, "\"subchains\": [\"orders\", \"payments\"]");

        assertThat(task.path("status").asString()).as(task.toString()).isEqualTo("FAILED");
        assertThat(task.path("currentStep").asString()).isEqualTo("createChain");
        assertThat(task.path("error").asString()).contains("createChain failed", "chain 'payments'", "500",
                "no capacity for ledger payments");
        assertThat(stepStatus(task, "createChain payments")).isEqualTo("FAILED");
        assertThat(stepStatus(task, "createChain orders")).isEqualTo("COMPENSATED");
        assertThat(stepStatus(task, "joinNetwork " + name + "/" + orgB)).isEqualTo("COMPENSATED");
        assertThat(stepStatus(task, "createNetwork " + name)).isEqualTo("COMPENSATED");
        assertThat(stepStatus(task, "monitor orders")).isEqualTo("PENDING");

        // the rollback calls the platform received, last created first
        List<String> calls = baas.seen.stream().map(s -> s.method() + " " + s.pathAndQuery()).toList();
        String network = calls.stream().filter(c -> c.matches("DELETE /mgmt/networks/net-\\d+")).findFirst()
                .orElseThrow(() -> new AssertionError("no deleteNetwork in " + calls)).substring("DELETE ".length());
        int deleteLedger = indexOf(calls, "POST /mgmt/ledgers/ledger-\\d+/remove");
        int leave = indexOf(calls, "DELETE " + network + "/members/" + orgB);
        int deleteNetwork = indexOf(calls, "DELETE " + network);
        assertThat(deleteLedger).isLessThan(leave);
        assertThat(leave).isLessThan(deleteNetwork);
        assertThat(baas.networks).isEmpty();
        assertThat(baas.ledgers).isEmpty();
        assertThat(get("/api/v1/business-chains/" + bc + "/provisioning").json().path("chains")).isEmpty();
        assertThat(get("/api/v1/audit?action=platform.deleteNetwork&resourceId=" + platformId)
                .header("X-Total-Count")).isEqualTo("1");
    }

    @Test
    void aNodeThatCannotBeMonitoredRollsBackTheRegistryAndThePlatform() {
        baas.nodeRpcUrls = List.of("http://127.0.0.1:18545", "ftp://127.0.0.1/not-rpc");
        String name = unique("badnode");
        String bc = businessChain(name, "PRIVATE_CHAIN", orgA);
        JsonNode task = provision(bc, null);
        assertThat(task.path("status").asString()).as(task.toString()).isEqualTo("FAILED");
        assertThat(task.path("currentStep").asString()).isEqualTo("monitor");
        assertThat(task.path("error").asString()).contains(name + "-node-2", "rpcUrl");
        assertThat(get("/api/v1/chains?orgId=" + orgA + "&name=" + name).json()).isEmpty();
        assertThat(get("/api/v1/business-chains/" + bc + "/provisioning").json().path("chains")).isEmpty();
        assertThat(baas.networks).isEmpty();
        assertThat(baas.ledgers).isEmpty();
        // the node the monitor step had created before failing was never committed: nothing was published for it
        assertThat(jdbc.sql("select count(*) from registry.outbox where payload like :name")
                .param("name", "%" + name + "-node-1%").query(Long.class).single()).isZero();
    }

    @Test
    void badRequestsAndOtherOrganizationsChangeNothing() throws IOException {
        String bc = businessChain(unique("guarded"), "MULTI_SUBCHAIN_SHARED_NODES", orgA, orgB);
        String path = "/api/v1/business-chains/" + bc + "/provisioning";
        long tasks = count("task");

        assertThat(post(path, "{}").status()).isEqualTo(400);
        assertThat(post(path, "{\"platformId\": \"" + platformId + "\", \"chainPlatform\": \"COBOL\"}").status())
                .isEqualTo(400);
        assertThat(post(path, "{\"platformId\": \"" + UUID.randomUUID() + "\"}").status()).isEqualTo(404);
        assertThat(post("/api/v1/business-chains/" + UUID.randomUUID() + "/provisioning",
                "{\"platformId\": \"" + platformId + "\"}").status()).isEqualTo(404);
        Response subchains = post("/api/v1/business-chains/" + businessChain(unique("p"), "PRIVATE_CHAIN", orgA)
                + "/provisioning", "{\"platformId\": \"" + platformId + "\", \"subchains\": [\"x\"]}");
        assertThat(subchains.status()).isEqualTo(400);
        assertThat(subchains.contentType()).startsWith("application/problem+json");

        // a platform whose template cannot create networks (and cannot undo) is refused with what it lacks
        String monitoringOnly = registerPlatform(orgA, resource("good-template.json"));
        Response unfit = post(path, "{\"platformId\": \"" + monitoringOnly + "\"}");
        assertThat(unfit.status()).isEqualTo(409);
        assertThat(unfit.json().path("detail").asString()).contains("createNetwork", "deleteNetwork");

        // another organization's platform is invisible; a member that does not own the chain may only read
        String platformOfB = registerPlatform(orgB, resource("provisioning-template.json"));
        assertThat(post(path, "{\"platformId\": \"" + platformOfB + "\"}").status()).isEqualTo(404);
        Caller adminB = new Caller("user:admin-b", UUID.fromString(orgB), Role.ORG_ADMIN);
        assertThat(as(adminB).post(path, "{\"platformId\": \"" + platformId + "\"}").status()).isEqualTo(403);
        assertThat(as(adminB).get(path).status()).isEqualTo(200);
        String outsider = createOrganization("prov-outsider");
        Caller adminC = new Caller("user:admin-c", UUID.fromString(outsider), Role.ORG_ADMIN);
        assertThat(as(adminC).get(path).status()).isEqualTo(404);
        assertThat(as(adminC).post(path, "{\"platformId\": \"" + platformId + "\"}").status()).isEqualTo(404);
        Caller viewerA = new Caller("user:viewer-a", UUID.fromString(orgA), Role.VIEWER);
        assertThat(as(viewerA).post(path, "{\"platformId\": \"" + platformId + "\"}").status()).isEqualTo(403);

        assertThat(count("task")).as("no provisioning task was submitted").isEqualTo(tasks + 2);
        assertThat(baas.networks).isEmpty();
    }

    private static List<String> steps(JsonNode task) {
        return task.path("steps").valueStream().map(s -> s.path("name").asString()
                + (s.path("param").isNull() ? "" : " " + s.path("param").asString())).toList();
    }

    private static String stepStatus(JsonNode task, String step) {
        return task.path("steps").valueStream().filter(s -> (s.path("name").asString() + " "
                + s.path("param").asString()).equals(step)).map(s -> s.path("status").asString()).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + step + " in " + task));
    }

    private static int indexOf(List<String> calls, String regex) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).matches(regex)) {
                return i;
            }
        }
        throw new AssertionError("no call " + regex + " in " + calls);
    }
}
