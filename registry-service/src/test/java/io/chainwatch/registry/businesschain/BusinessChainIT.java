package io.chainwatch.registry.businesschain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.chainwatch.registry.support.RegistryTestBase;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Business chains and blockchains: create modes checked against the members' resource spaces, membership of
 * the alliance and business chain, optimistic locking, filters, and deletion order.
 */
class BusinessChainIT extends RegistryTestBase {

    private String tenantA;
    private String tenantB;
    private String physical;
    private String bare;
    private String outsider;
    private String allianceId;

    @BeforeEach
    void alliance() {
        tenantA = org("CLOUD", "{\"type\": \"TENANT\", \"tenantId\": \"" + unique("t") + "\", \"projectId\": \"p\"}");
        tenantB = org("CLOUD", "{\"type\": \"TENANT\", \"tenantId\": \"" + unique("t") + "\", \"projectId\": \"p\"}");
        physical = org("OFF_CLOUD", "{\"type\": \"PHYSICAL\", \"nodes\": [{\"host\": \"" + unique("h")
                + ".example\", \"port\": 7051}]}");
        bare = createOrganization("bare");
        outsider = createOrganization("outsider");
        Response submitted = post("/api/v1/alliances", """
                {"name": "%s", "platform": "FABRIC", "creatorOrgId": "%s", "invitedOrgIds": ["%s", "%s", "%s"]}"""
                .formatted(unique("bc-alliance"), tenantA, tenantB, physical, bare));
        assertThat(awaitTask(submitted.field("taskId")).path("status").asString()).isEqualTo("SUCCEEDED");
        allianceId = submitted.field("allianceId");
        for (String org : List.of(tenantB, physical, bare)) {
            assertThat(post("/api/v1/alliances/" + allianceId + "/invitations/" + org, "{\"accept\": true}").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void createModesAreCheckedAgainstTheMembersResourceSpaces() {
        rejected(400, () -> post("/api/v1/business-chains", chain("PRIVATE_CHAIN", tenantA, tenantB)),
                "createMode", "exactly one member");
        rejected(400, () -> post("/api/v1/business-chains", chain("ISOLATED_SINGLE_CHAINS", tenantA, bare)),
                "needs a resource space for every member", bare);
        rejected(400, () -> post("/api/v1/business-chains", chain("MULTI_SUBCHAIN_SHARED_NODES", tenantA, physical)),
                "one kind");
        rejected(400, () -> post("/api/v1/business-chains", chain("ISOLATED_SINGLE_CHAINS", tenantA, outsider)),
                "memberOrgIds", "active members", outsider);
        rejected(400, () -> post("/api/v1/business-chains", chain("ISOLATED_SINGLE_CHAINS", outsider, tenantA)),
                "ownerOrgId");
        rejected(404, () -> post("/api/v1/business-chains", chain("PRIVATE_CHAIN", tenantA).replace(allianceId,
                java.util.UUID.randomUUID().toString())), "alliance");
        rejected(400, () -> post("/api/v1/business-chains", "{\"allianceId\": \"" + allianceId + "\"}"),
                "createMode", "memberOrgIds", "name", "ownerOrgId");

        Response isolated = post("/api/v1/business-chains", chain("ISOLATED_SINGLE_CHAINS", tenantA, physical));
        assertThat(isolated.status()).as(isolated.body()).isEqualTo(201);
        assertThat(isolated.json().path("memberOrgIds").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder(tenantA, physical);
        assertThat(post("/api/v1/business-chains", chain("MULTI_SUBCHAIN_SHARED_NODES", tenantA, tenantB)).status())
                .isEqualTo(201);
        assertThat(post("/api/v1/business-chains", chain("PRIVATE_CHAIN", physical)).status()).isEqualTo(201);

        assertThat(get("/api/v1/business-chains?allianceId=" + allianceId).header("X-Total-Count")).isEqualTo("3");
        assertThat(get("/api/v1/business-chains?orgId=" + physical).header("X-Total-Count")).isEqualTo("2");
        assertThat(get("/api/v1/business-chains?allianceId=" + allianceId + "&createMode=PRIVATE_CHAIN")
                .header("X-Total-Count")).isEqualTo("1");
        rejected(409, () -> post("/api/v1/business-chains", chain("PRIVATE_CHAIN", physical)), "already");
    }

    @Test
    void businessChainAndBlockchainLifecycleWithOptimisticLocking() {
        Response created = post("/api/v1/business-chains", chain("ISOLATED_SINGLE_CHAINS", tenantA, tenantB));
        String id = created.field("id");
        assertThat(created.etag()).isEqualTo("\"1\"");
        String update = chain("ISOLATED_SINGLE_CHAINS", tenantA, tenantB, physical).replace("\"name\": \"",
                "\"name\": \"renamed-");
        rejected(428, () -> send("PUT", "/api/v1/business-chains/" + id, update), "If-Match");
        rejected(412, () -> send("PUT", "/api/v1/business-chains/" + id, update, "If-Match", "\"2\""));
        Response updated = send("PUT", "/api/v1/business-chains/" + id, update, "If-Match", "\"1\"");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.etag()).isEqualTo("\"2\"");
        assertThat(updated.field("name")).startsWith("renamed-");
        assertThat(updated.json().path("memberOrgIds")).hasSize(3);

        String blockchain = """
                {"businessChainId": "%s", "name": "ledger-1", "externalId": "ext-1", "cloudType": "PRIVATE",
                 "orgIds": ["%s", "%s"], "blockSpec": {"consensus": "raft", "blockIntervalMs": 2000},
                 "infraSpec": {"peers": 2}, "extraInfo": {"note": "first"}}""".formatted(id, tenantA, physical);
        Response ledger = post("/api/v1/blockchains", blockchain);
        assertThat(ledger.status()).as(ledger.body()).isEqualTo(201);
        String ledgerId = ledger.field("id");
        assertThat(ledger.json().path("blockSpec").path("consensus").asString()).isEqualTo("raft");
        assertThat(ledger.json().path("ownerOrgId").asString()).isEqualTo(tenantA);
        assertThat(get("/api/v1/blockchains/" + ledgerId).json()).isEqualTo(ledger.json());

        rejected(400, () -> post("/api/v1/blockchains", blockchain.replace("ledger-1", "ledger-2")
                .replace(physical, outsider)), "orgIds", "members of business chain");
        rejected(400, () -> post("/api/v1/blockchains", blockchain.replace("ledger-1", "ledger-2")
                .replace("{\"peers\": 2}", "[1, 2]")), "infraSpec", "JSON object");
        rejected(409, () -> post("/api/v1/blockchains", blockchain), "ledger-1");

        Response changed = send("PUT", "/api/v1/blockchains/" + ledgerId,
                blockchain.replace("raft", "pbft"), "If-Match", ledger.etag());
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("blockSpec").path("consensus").asString()).isEqualTo("pbft");
        rejected(412, () -> send("PUT", "/api/v1/blockchains/" + ledgerId, blockchain, "If-Match", ledger.etag()));

        assertThat(get("/api/v1/blockchains?businessChainId=" + id).header("X-Total-Count")).isEqualTo("1");
        assertThat(get("/api/v1/blockchains?orgId=" + physical + "&cloudType=PRIVATE").header("X-Total-Count"))
                .isEqualTo("1");
        assertThat(get("/api/v1/blockchains?orgId=" + tenantB).header("X-Total-Count")).isEqualTo("0");

        // deletion order: the alliance and the business chain refuse while something depends on them
        assertThat(send("DELETE", "/api/v1/alliances/" + allianceId + "?orgId=" + tenantA, null).status())
                .isEqualTo(409);
        rejected(409, () -> send("DELETE", "/api/v1/business-chains/" + id, null, "If-Match", "\"2\""), "blockchains");
        rejected(428, () -> send("DELETE", "/api/v1/blockchains/" + ledgerId, null));
        assertThat(send("DELETE", "/api/v1/blockchains/" + ledgerId, null, "If-Match", changed.etag()).status())
                .isEqualTo(204);
        assertThat(send("DELETE", "/api/v1/business-chains/" + id, null, "If-Match", "\"2\"").status()).isEqualTo(204);
        assertThat(get("/api/v1/business-chains/" + id).status()).isEqualTo(404);

        List<String> actions = get("/api/v1/audit?outcome=success&resourceType=blockchain&resourceId=" + ledgerId).json().valueStream()
                .map(e -> e.path("action").asString()).toList();
        assertThat(actions).containsExactly("blockchain.delete", "blockchain.update", "blockchain.create");
    }

    private String org(String category, String space) {
        Response response = post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@acme.example", "category": "%s", "resourceSpace": %s}"""
                .formatted(unique("bc-org"), category, space));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.field("id");
    }

    private String chain(String mode, String owner, String... others) {
        StringBuilder members = new StringBuilder("\"" + owner + "\"");
        for (String other : others) {
            members.append(", \"").append(other).append('"');
        }
        return """
                {"allianceId": "%s", "ownerOrgId": "%s", "name": "%s", "createMode": "%s", "memberOrgIds": [%s]}"""
                .formatted(allianceId, owner, "chain-" + mode.toLowerCase() + "-" + owner.substring(0, 8), mode, members);
    }

    private Response rejected(int status, Supplier<Response> request, String... detailFragments) {
        Map<String, Long> before = counts();
        Response response = request.get();
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        for (String fragment : detailFragments) {
            assertThat(response.json().path("detail").asString()).as(response.body()).contains(fragment);
        }
        assertThat(counts()).as("rows after a rejected request").isEqualTo(before);
        return response;
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("business_chain", "business_chain_member", "blockchain", "blockchain_org",
                "audit_log")) {
            counts.put(table, count(table));
        }
        counts.put("versions", jdbc.sql("select coalesce(sum(version), 0) from registry.business_chain")
                .query(Long.class).single() + jdbc.sql("select coalesce(sum(version), 0) from registry.blockchain")
                .query(Long.class).single());
        return counts;
    }
}
