package io.chainwatch.registry.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.chainwatch.registry.support.RegistryTestBase;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A heterogeneous platform over HTTP: a local server plays a BaaS management API with its own paths and field
 * names; registered with its OpenAPI document and a template, the standard calls succeed through it (path and
 * query parameters, JSON body, response mapping, an asynchronous operation followed to its end); broken templates
 * and a platform that fails its health call are rejected with the reasons.
 */
class PlatformIT extends RegistryTestBase {

    private FakeBaasServer baas;
    private String orgId;

    @BeforeEach
    void platform() throws IOException {
        baas = new FakeBaasServer();
        orgId = createOrganization("platform-owner");
    }

    @AfterEach
    void stop() {
        baas.close();
    }

    @Test
    void registeredPlatformAnswersTheStandardCallsThroughItsTemplate() throws IOException {
        JsonNode platform = register("{\"type\": \"TOKEN\", \"token\": \"" + FakeBaasServer.TOKEN + "\"}",
                resource("good-template.json"));
        assertThat(platform.path("status").asString()).as(platform.toString()).isEqualTo("ACTIVE");
        assertThat(platform.toString()).doesNotContain(FakeBaasServer.TOKEN);
        assertThat(platform.path("token").path("set").asBoolean()).isTrue();
        assertThat(platform.path("operations").valueStream().map(JsonNode::asString).toList())
                .containsExactly("chainInfo", "createChain", "ledgerSummary", "transactionList");
        String id = platform.path("id").asString();

        Response summary = post("/api/v1/platforms/" + id + "/operations/ledgerSummary",
                "{\"inputs\": {\"chainId\": \"ledger 7\"}}");
        assertThat(summary.status()).as(summary.body()).isEqualTo(200);
        assertThat(summary.json().path("result").path("blockHeight").asLong()).isEqualTo(42);
        assertThat(summary.json().path("result").path("transactionCount").asLong()).isEqualTo(1000);
        assertThat(baas.seen).anySatisfy(seen -> {
            assertThat(seen.pathAndQuery()).isEqualTo("/mgmt/ledgers/ledger%207/overview?detail=short");
            assertThat(seen.authenticated()).isTrue();
        });

        JsonNode info = post("/api/v1/platforms/" + id + "/operations/chainInfo", "{\"inputs\": {\"chainId\": \"L1\"}}")
                .json().path("result");
        assertThat(info.path("chainId").asString()).isEqualTo("L1");
        assertThat(info.path("name").asString()).isEqualTo("Ledger L1");

        JsonNode txs = post("/api/v1/platforms/" + id + "/operations/transactionList",
                "{\"inputs\": {\"chainId\": \"L1\", \"page\": 2, \"size\": 5}}").json();
        assertThat(txs.path("result").path("transactions")).hasSize(2);
        assertThat(baas.seen).anyMatch(seen -> seen.pathAndQuery().equals("/mgmt/ledgers/L1/txs?pageNo=2&pageSize=5"));

        Response created = post("/api/v1/platforms/" + id + "/operations/createChain",
                "{\"inputs\": {\"name\": \"orders\", \"consensus\": \"raft\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().path("platformTaskId").asString()).isEqualTo("job-1");
        assertThat(created.json().path("result").path("chainId").asString()).isEqualTo("new-ledger");
        assertThat(baas.jobPolls.get()).as("followed until SUCCESS").isEqualTo(3);
        assertThat(baas.seen).anySatisfy(seen -> {
            assertThat(seen.method()).isEqualTo("POST");
            assertThat(json.readTree(seen.body())).isEqualTo(json.readTree(
                    "{\"ledgerName\": \"orders\", \"consensusAlgo\": \"raft\"}"));
        });
        assertThat(get("/api/v1/audit?resourceId=" + id + "&action=platform.createChain").header("X-Total-Count"))
                .isEqualTo("1");

        Response missing = post("/api/v1/platforms/" + id + "/operations/ledgerSummary", "{\"inputs\": {}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("detail").asString()).contains("inputs.chainId");
        assertThat(post("/api/v1/platforms/" + id + "/operations/teleport", "{}").status()).isEqualTo(404);
        assertThat(post("/api/v1/platforms/" + id + "/operations/deleteChain", "{\"inputs\": {\"chainId\": \"x\"}}")
                .status()).as("not mapped").isEqualTo(409);
    }

    @Test
    void akSkCredentialsSignEveryCall() throws IOException {
        JsonNode platform = register("{\"type\": \"AK_SK\", \"accessKey\": \"" + FakeBaasServer.ACCESS_KEY
                + "\", \"secretKey\": \"" + FakeBaasServer.SECRET_KEY + "\"}", resource("good-template.json"));
        assertThat(platform.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(platform.toString()).doesNotContain(FakeBaasServer.SECRET_KEY);
        Response summary = post("/api/v1/platforms/" + platform.path("id").asString() + "/operations/ledgerSummary",
                "{\"inputs\": {\"chainId\": \"L2\"}}");
        assertThat(summary.status()).as(summary.body()).isEqualTo(200);
        assertThat(baas.seen).filteredOn(seen -> seen.pathAndQuery().startsWith("/mgmt/ledgers/L2"))
                .allMatch(FakeBaasServer.Seen::authenticated);

        JsonNode wrong = register("{\"type\": \"TOKEN\", \"token\": \"wrong\"}", resource("good-template.json"));
        Response refused = post("/api/v1/platforms/" + wrong.path("id").asString() + "/operations/ledgerSummary",
                "{\"inputs\": {\"chainId\": \"L2\"}}");
        assertThat(refused.status()).as("the platform refuses bad credentials").isEqualTo(502);
        assertThat(refused.json().path("detail").asString()).contains("401");
    }

    @Test
    void aBrokenTemplateIsRejectedWithEveryReason() throws IOException {
        JsonNode platform = register(null, resource("broken-template.json"));
        assertThat(platform.path("status").asString()).isEqualTo("REJECTED");
        assertThat(platform.path("reason").asString()).contains(
                "ledgerSummary: must be mapped",
                "chainInfo (GET /mgmt/ledgers/{ledger}): required result field blockHeight (INTEGER) is not mapped",
                "/data/ledgerName is string in the platform's response, the standard field needs integer",
                "deployContract (POST /mgmt/contracts/upload): takes a form request body (multipart/form-data); "
                        + "only JSON REST operations can be mapped",
                "blockList (GET /mgmt/ledgers/{ledger}/snapshot): answers with a binary or non-JSON body "
                        + "(application/octet-stream)",
                "nodes: the platform's API has no GET /mgmt/nowhere",
                "uses {{secretSauce}}, which monitoring does not provide",
                "/ok is boolean");
        assertThat(baas.seen).as("a template that does not fit is not even probed").isEmpty();
        Response call = post("/api/v1/platforms/" + platform.path("id").asString() + "/operations/chainInfo",
                "{\"inputs\": {\"chainId\": \"x\"}}");
        assertThat(call.status()).isEqualTo(409);
        assertThat(call.json().path("detail").asString()).contains("REJECTED");
    }

    @Test
    void aPlatformThatFailsItsHealthCallIsRejected() throws IOException {
        baas.healthStatus = 503;
        JsonNode platform = register(null, resource("good-template.json"));
        assertThat(platform.path("status").asString()).isEqualTo("REJECTED");
        assertThat(platform.path("reason").asString()).contains("health call", "503");
    }

    @Test
    void redirectsAreNotFollowed() throws IOException {
        try (FakeBaasServer elsewhere = new FakeBaasServer()) {
            // to the cloud metadata service, and to another server on this machine: neither is called
            for (String location : List.of("http://169.254.169.254/latest/meta-data/", elsewhere.baseUrl() + "/mgmt/ping")) {
                baas.redirectTo = location;
                JsonNode platform = register(null, resource("good-template.json"));
                assertThat(platform.path("status").asString()).isEqualTo("REJECTED");
                assertThat(platform.path("reason").asString()).contains("redirect (302)", "not followed");
            }
            assertThat(elsewhere.seen).as("the redirect target was never called").isEmpty();
            assertThat(baas.seen).isNotEmpty();
        }
    }

    @Test
    void aDocumentThatIsNotOpenApiIsRejected() throws IOException {
        Response submitted = post("/api/v1/platforms", "{\"orgId\": \"" + orgId + "\", \"name\": \"" + unique("p")
                + "\", \"baseUrl\": \"" + baas.baseUrl() + "\", \"openApi\": \"just some text\", \"template\": "
                + resource("good-template.json") + "}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        assertThat(awaitTask(submitted.field("taskId")).path("error").asString()).contains("not an OpenAPI 3 document");
        assertThat(post("/api/v1/platforms", "{\"orgId\": \"" + orgId + "\"}").status()).isEqualTo(400);
    }

    /** Registers a platform on the fake server and waits for its registration task; returns the platform. */
    private JsonNode register(String auth, String template) throws IOException {
        Response submitted = post("/api/v1/platforms", "{\"orgId\": \"" + orgId + "\", \"name\": \"" + unique("baas")
                + "\", \"baseUrl\": \"" + baas.baseUrl() + "\"" + (auth == null ? "" : ", \"auth\": " + auth)
                + ", \"openApi\": " + json.writeValueAsString(resource("baas-openapi.yaml"))
                + ", \"template\": " + template + "}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        JsonNode task = awaitTask(submitted.field("taskId"));
        assertThat(task.path("steps").valueStream().map(s -> s.path("name").asString()).toList())
                .containsExactly("validate", "probe", "execute");
        Response platform = get("/api/v1/platforms/" + submitted.field("platformId"));
        assertThat(platform.status()).isEqualTo(200);
        return platform.json();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PlatformIT.class.getResourceAsStream("/platform/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
