package io.chainwatch.registry.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.chainwatch.registry.platform.FakeBaasServer;
import io.chainwatch.registry.support.RegistryTestBase;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two organizations with tenant resource spaces in one alliance ({@link #orgA} created it, {@link #orgB} accepted),
 * and a BaaS platform of {@link #orgA}: {@link FakeBaasServer}, a protocol-level test server speaking its own
 * management API (no real BaaS platform can run here), registered with {@code platform/provisioning-template.json}.
 */
public abstract class ProvisioningTestBase extends RegistryTestBase {

    protected FakeBaasServer baas;
    protected String orgA;
    protected String orgB;
    protected String allianceId;
    protected String platformId;

    @BeforeEach
    void consortiumAndPlatform() throws IOException {
        baas = new FakeBaasServer();
        orgA = tenant("prov-a");
        orgB = tenant("prov-b");
        Response submitted = post("/api/v1/alliances", """
                {"name": "%s", "platform": "ETHEREUM", "creatorOrgId": "%s", "invitedOrgIds": ["%s"]}"""
                .formatted(unique("prov-alliance"), orgA, orgB));
        assertThat(awaitTask(submitted.field("taskId")).path("status").asString()).isEqualTo("SUCCEEDED");
        allianceId = submitted.field("allianceId");
        assertThat(post("/api/v1/alliances/" + allianceId + "/invitations/" + orgB, "{\"accept\": true}").status())
                .isEqualTo(200);
        platformId = registerPlatform(orgA, resource("provisioning-template.json"));
    }

    @AfterEach
    void stopPlatform() {
        baas.close();
    }

    /** Registers a platform of {@code orgId} on the test server with {@code template}; waits for ACTIVE. */
    protected String registerPlatform(String orgId, String template) throws IOException {
        Response submitted = post("/api/v1/platforms", "{\"orgId\": \"" + orgId + "\", \"name\": \"" + unique("baas")
                + "\", \"baseUrl\": \"" + baas.baseUrl() + "\", \"auth\": {\"type\": \"TOKEN\", \"token\": \""
                + FakeBaasServer.TOKEN + "\"}, \"openApi\": " + json.writeValueAsString(resource("baas-openapi.yaml"))
                + ", \"template\": " + template + "}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        JsonNode task = awaitTask(submitted.field("taskId"));
        assertThat(task.path("status").asString()).as(task.toString()).isEqualTo("SUCCEEDED");
        return submitted.field("platformId");
    }

    /** Creates a business chain of the alliance owned by {@link #orgA}; returns its id. */
    protected String businessChain(String name, String mode, String... members) {
        StringBuilder list = new StringBuilder();
        for (String member : members) {
            list.append(list.isEmpty() ? "" : ", ").append('"').append(member).append('"');
        }
        Response created = post("/api/v1/business-chains", """
                {"allianceId": "%s", "ownerOrgId": "%s", "name": "%s", "createMode": "%s", "memberOrgIds": [%s]}"""
                .formatted(allianceId, orgA, name, mode, list));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.field("id");
    }

    /** Provisions the business chain on {@link #platformId} and waits for the task; returns the task. */
    protected JsonNode provision(String businessChainId, String extra) {
        Response submitted = post("/api/v1/business-chains/" + businessChainId + "/provisioning",
                "{\"platformId\": \"" + platformId + "\"" + (extra == null ? "" : ", " + extra) + "}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        assertThat(submitted.header("Location")).isEqualTo("/api/v1/tasks/" + submitted.field("taskId"));
        return awaitTask(submitted.field("taskId"));
    }

    /** The nodes of a chain, retired ones included. */
    protected List<JsonNode> nodesOf(String chainId) {
        Response nodes = get("/api/v1/nodes?chainId=" + chainId);
        assertThat(nodes.status()).as(nodes.body()).isEqualTo(200);
        return nodes.json().valueStream().toList();
    }

    /** The last record queued for the key on chainwatch.targets, once the relay published it ({@code null} payload: tombstone). */
    protected String publishedTarget(String nodeId) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from registry.outbox where message_key = :key and published_at is null")
                .param("key", nodeId).query(Long.class).single() == 0);
        String[] payload = jdbc.sql("select payload from registry.outbox where message_key = :key order by id desc limit 1")
                .param("key", nodeId).query((rs, row) -> new String[] {rs.getString(1)}).optional()
                .orElseThrow(() -> new AssertionError("nothing was queued for node " + nodeId));
        return payload[0];
    }

    private String tenant(String prefix) {
        Response response = post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@acme.example", "category": "CLOUD", "resourceSpace":
                 {"type": "TENANT", "tenantId": "%s", "projectId": "p"}}""".formatted(unique(prefix), unique("t")));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.field("id");
    }

    protected static String resource(String name) throws IOException {
        try (InputStream in = ProvisioningTestBase.class.getResourceAsStream("/platform/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
