package io.chainwatch.registry.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.registry.platform.FakeBaasServer;
import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
import io.chainwatch.testkit.Anvil;
import io.chainwatch.testkit.TestCallers;
import io.chainwatch.testkit.fabric.TestFabricPeer;
import io.chainwatch.testkit.fabric.TestIdentities;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance kit against three real counterparts: a template for the BaaS test server ({@link FakeBaasServer},
 * a protocol-level stand-in speaking its own management API), the native Ethereum adapter on a real anvil, and the
 * native Fabric adapter on the testkit's protocol-level test peer ({@link TestFabricPeer}, real Fabric 2.5.5
 * blocks over the real Gateway protocol); and its CLI.
 */
class ConformanceIT extends RegistryTestBase {

    @TempDir
    Path wallet;

    private FakeBaasServer baas;
    private String orgId;

    @BeforeEach
    void platform() throws IOException {
        baas = new FakeBaasServer();
        orgId = createOrganization("conformance");
    }

    @AfterEach
    void stop() {
        baas.close();
    }

    @Test
    void aTemplateIsTriedOperationByOperation() throws IOException {
        String platformId = register();
        JsonNode report = run("/api/v1/platforms/" + platformId + "/conformance",
                "{\"inputs\": {\"chainId\": \"L1\", \"networkId\": \"net-missing\"}}");
        Map<String, String> outcomes = outcomes(report);
        assertThat(outcomes).containsEntry("ledgerSummary", "PASS").containsEntry("chainInfo", "PASS")
                .containsEntry("networkDetails", "FAIL").containsEntry("nodes", "FAIL")
                .containsEntry("blockList", "UNSUPPORTED").containsEntry("transactionList", "UNSUPPORTED")
                .containsEntry("createNetwork", "SKIPPED").containsEntry("deleteChain", "SKIPPED")
                .containsEntry("deployContract", "UNSUPPORTED");
        assertThat(report.path("passed").asInt()).isEqualTo(2);
        assertThat(report.path("failed").asInt()).isEqualTo(2);
        JsonNode failed = operation(report, "networkDetails");
        assertThat(failed.path("reason").asString()).contains("404");
        JsonNode exchange = failed.path("exchanges").get(0);
        assertThat(exchange.path("method").asString()).isEqualTo("GET");
        assertThat(exchange.path("path").asString()).isEqualTo("/mgmt/networks/net-missing");
        assertThat(exchange.path("authentication").asString()).isEqualTo("Authorization: Bearer ****");
        assertThat(exchange.path("status").asInt()).isEqualTo(404);
        assertThat(exchange.path("responseBody").asString()).contains("no such network");
        assertThat(report.toString()).doesNotContain(FakeBaasServer.TOKEN);
        assertThat(baas.seen).noneMatch(seen -> !seen.method().equals("GET"));

        JsonNode mutating = run("/api/v1/platforms/" + platformId + "/conformance",
                "{\"inputs\": {\"orgId\": \"org-x\", \"consensus\": \"raft\"}, \"mutating\": true}");
        assertThat(outcomes(mutating)).containsEntry("createNetwork", "PASS").containsEntry("joinNetwork", "PASS")
                .containsEntry("createChain", "PASS").containsEntry("joinChain", "PASS")
                .containsEntry("leaveChain", "PASS").containsEntry("deleteChain", "PASS")
                .containsEntry("leaveNetwork", "PASS").containsEntry("deleteNetwork", "PASS")
                .containsEntry("deployContract", "UNSUPPORTED");
        assertThat(baas.networks).as("the mutating run cleaned up after itself").isEmpty();
        assertThat(baas.ledgers).isEmpty();
        assertThat(get("/api/v1/audit?action=platform.conformance&resourceId=" + platformId).header("X-Total-Count"))
                .isEqualTo("2");
    }

    @Test
    void theNativeEthereumAdapterOnAnvil() {
        try (Anvil anvil = Anvil.start(0, null)) {
            String chainId = createChain(orgId, unique("anvil"));
            assertThat(post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"a1\", \"rpcUrl\": \""
                    + anvil.rpcUrl() + "\"}").status()).isEqualTo(201);
            JsonNode report = run("/api/v1/chains/" + chainId + "/conformance", "{}");
            assertNativeGroup(report);
            assertThat(operation(report, "transaction").path("reason").asString()).contains("hash");
            assertThat(operation(report, "chainInfo").path("result").path("blockHeight").isIntegralNumber()).isTrue();
        }
    }

    @Test
    void theNativeFabricAdapterOnTheTestPeer() throws Exception {
        try (TestFabricPeer peer = new TestFabricPeer(TestFabricPeer.BLOCKS, Set.of(TestFabricPeer.MSP_ID))) {
            Response chain = post("/api/v1/chains", "{\"orgId\": \"" + orgId + "\", \"name\": \"" + unique("fabric")
                    + "\", \"platform\": \"FABRIC\"}");
            String chainId = chain.field("id");
            assertThat(post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"peer0\","
                    + " \"rpcUrl\": \"http://127.0.0.1:9443\", \"fabric\": {\"mspId\": \"Org1MSP\","
                    + " \"channels\": [\"mychannel\"], \"peerEndpoint\": \"" + peer.endpoint() + "\"}}").status())
                    .isEqualTo(201);
            Path dir = wallet.resolve("org");
            TestIdentities.write(dir, "Org1MSP", "registry@org1.example.com");
            Response put = send("PUT", "/api/v1/organizations/" + orgId + "/fabric-identities/Org1MSP",
                    "{\"certificatePem\": " + json.writeValueAsString(Files.readString(dir.resolve("Org1MSP/cert.pem")))
                            + ", \"privateKeyPem\": " + json.writeValueAsString(Files.readString(
                            dir.resolve("Org1MSP/key.pem"))) + "}");
            assertThat(put.status()).as(put.body()).isEqualTo(201);
            JsonNode report = run("/api/v1/chains/" + chainId + "/conformance", "{\"inputs\": {\"channel\": \"mychannel\"}}");
            assertNativeGroup(report);
            assertThat(operation(report, "chainInfo").path("result").path("blockHeight").asLong())
                    .as("the test peer serves the real channel of height 8").isEqualTo(8);
        }
    }

    @Test
    void theCliPrintsTheReportAndFailsWhenAnOperationFails() throws IOException {
        String platformId = register();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = ConformanceCli.run(new String[] {"--url", "http://127.0.0.1:" + port, "--header",
                TestCallers.HEADER + ": " + TestCallers.platformAdmin(SERVICE), "--platform", platformId, "--inputs",
                "{\"chainId\": \"L1\", \"networkId\": \"net-missing\"}"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isEqualTo(1);
        assertThat(out).contains("PASS        ledgerSummary", "FAIL        networkDetails",
                "> GET /mgmt/networks/net-missing [Authorization: Bearer ****]", "< 404",
                "passed 2, failed 2").doesNotContain(FakeBaasServer.TOKEN);
        assertThat(ConformanceCli.run(new String[] {"--nonsense"}, new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(2);
    }

    @Test
    void onlyTheOwningOrganizationRunsIt() throws IOException {
        String platformId = register();
        String other = createOrganization("conformance-other");
        Caller adminOther = new Caller("user:admin-o", UUID.fromString(other), Role.ORG_ADMIN);
        assertThat(as(adminOther).post("/api/v1/platforms/" + platformId + "/conformance", "{}").status())
                .isEqualTo(404);
        String chainId = createChain(orgId, unique("chain"));
        assertThat(as(adminOther).post("/api/v1/chains/" + chainId + "/conformance", "{}").status()).isEqualTo(404);
        Caller viewer = new Caller("user:viewer", UUID.fromString(orgId), Role.VIEWER);
        assertThat(as(viewer).post("/api/v1/platforms/" + platformId + "/conformance", "{}").status()).isEqualTo(403);
        Caller operator = new Caller("user:operator", UUID.fromString(orgId), Role.OPERATOR);
        assertThat(as(operator).post("/api/v1/platforms/" + platformId + "/conformance", "{\"mutating\": true}")
                .status()).as("mutating needs an org admin").isEqualTo(403);
        Response bad = post("/api/v1/platforms/" + platformId + "/conformance", "{\"inputs\": [1]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(baas.seen).as("no call reached the platform").noneMatch(s -> s.pathAndQuery().startsWith("/mgmt/l"));
    }

    /** The operations group answers (a transaction needs a hash); the management groups are not native. */
    private static void assertNativeGroup(JsonNode report) {
        Map<String, String> outcomes = outcomes(report);
        for (String op : new String[] {"ledgerSummary", "transactionList", "blockList", "monitoring", "nodes",
                "chainInfo"}) {
            assertThat(outcomes).as(report.toString()).containsEntry(op, "PASS");
        }
        assertThat(outcomes).containsEntry("transaction", "SKIPPED").containsEntry("networkDetails", "UNSUPPORTED")
                .containsEntry("createNetwork", "UNSUPPORTED").containsEntry("deployContract", "UNSUPPORTED");
        assertThat(report.path("failed").asInt()).isZero();
        assertThat(operation(report, "ledgerSummary").path("exchanges").get(0).path("method").asString())
                .isEqualTo("NATIVE");
    }

    private JsonNode run(String path, String body) {
        Response response = post(path, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static Map<String, String> outcomes(JsonNode report) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        report.path("operations").forEach(op -> outcomes.put(op.path("operation").asString(),
                op.path("outcome").asString()));
        return outcomes;
    }

    private static JsonNode operation(JsonNode report, String name) {
        return report.path("operations").valueStream().filter(op -> op.path("operation").asString().equals(name))
                .findFirst().orElseThrow();
    }

    private String register() throws IOException {
        Response submitted = post("/api/v1/platforms", "{\"orgId\": \"" + orgId + "\", \"name\": \"" + unique("baas")
                + "\", \"baseUrl\": \"" + baas.baseUrl() + "\", \"auth\": {\"type\": \"TOKEN\", \"token\": \""
                + FakeBaasServer.TOKEN + "\"}, \"openApi\": " + json.writeValueAsString(resource("baas-openapi.yaml"))
                + ", \"template\": " + resource("provisioning-template.json") + "}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        assertThat(awaitTask(submitted.field("taskId")).path("status").asString()).isEqualTo("SUCCEEDED");
        return submitted.field("platformId");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConformanceIT.class.getResourceAsStream("/platform/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
