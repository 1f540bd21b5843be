package io.chainwatch.registry.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
import io.chainwatch.testkit.TestCallers;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organization A owns one resource of every kind (organization with a tenant space and its secrets, chain, node,
 * alliance, business chain, blockchain, tasks, notifications, platform with a token, contract, API key, audit
 * entries). B's org admin and B's viewer then try every endpoint on them: listings never contain A's ids, direct
 * access is 404 (as for a missing id) or 403 (naming A as the acting or owning organization), and nothing changes.
 * A viewer can change nothing at all. No response of the whole test carries a credential.
 */
class OrganizationIsolationIT extends RegistryTestBase {

    private static final String ACCESS_KEY = "AKIA-ISOLATION-ACCESS-1";
    private static final String SECRET_KEY = "isolation-secret-key-value-1";
    private static final String SPACE_TOKEN = "isolation-space-token-1";
    private static final String PLATFORM_TOKEN = "isolation-platform-token-1";
    private static final String DEPLOYER_KEY = "0x" + "ab".repeat(32);

    private final List<Response> responses = new ArrayList<>();

    @Override
    protected void received(Response response) {
        responses.add(response);
    }

    @Test
    void anotherOrganizationSeesAndChangesNothing() {
        // --- organization A and its resources ----------------------------------------------------------------
        String a = post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@a.example", "category": "CLOUD",
                 "resourceSpace": {"type": "TENANT", "tenantId": "%s", "projectId": "p-a",
                   "accessKey": "%s", "secretKey": "%s", "token": "%s"}}"""
                .formatted(unique("iso-a"), unique("tenant"), ACCESS_KEY, SECRET_KEY, SPACE_TOKEN)).field("id");
        String b = createOrganization("iso-b");
        String d = createOrganization("iso-d");
        Caller adminA = new Caller("user:admin-a", UUID.fromString(a), Role.ORG_ADMIN);
        Caller viewerA = new Caller("user:viewer-a", UUID.fromString(a), Role.VIEWER);
        Caller operatorA = new Caller("user:operator-a", UUID.fromString(a), Role.OPERATOR);
        Caller adminB = new Caller("user:admin-b", UUID.fromString(b), Role.ORG_ADMIN);
        Caller viewerB = new Caller("user:viewer-b", UUID.fromString(b), Role.VIEWER);
        Caller adminD = new Caller("user:admin-d", UUID.fromString(d), Role.ORG_ADMIN);

        String chain = created(as(adminA).post("/api/v1/chains",
                "{\"orgId\": \"" + a + "\", \"name\": \"main\", \"platform\": \"ETHEREUM\"}"));
        String node = created(as(operatorA).post("/api/v1/nodes",
                "{\"chainId\": \"" + chain + "\", \"name\": \"n1\", \"rpcUrl\": \"http://rpc.a.example:8545\"}"));
        Response alliance = as(adminA).post("/api/v1/alliances",
                "{\"name\": \"" + unique("iso-alliance") + "\", \"platform\": \"ETHEREUM\", \"creatorOrgId\": \"" + a
                        + "\"}");
        assertThat(alliance.status()).as(alliance.body()).isEqualTo(202);
        String allianceId = alliance.field("allianceId");
        String allianceTask = alliance.field("taskId");
        assertThat(awaitTask(allianceTask).path("status").asString()).isEqualTo("SUCCEEDED");
        String businessChain = created(as(adminA).post("/api/v1/business-chains", """
                {"allianceId": "%s", "ownerOrgId": "%s", "name": "bc", "createMode": "PRIVATE_CHAIN",
                 "memberOrgIds": ["%s"]}""".formatted(allianceId, a, a)));
        String blockchain = created(as(adminA).post("/api/v1/blockchains", """
                {"businessChainId": "%s", "name": "ledger", "cloudType": "PRIVATE", "orgIds": ["%s"]}"""
                .formatted(businessChain, a)));
        // D asks to join: the task waits for A's approval, A is notified
        Response join = as(adminD).post("/api/v1/alliances/" + allianceId + "/join-requests", "{}");
        assertThat(join.status()).as(join.body()).isEqualTo(202);
        String joinTask = join.field("taskId");
        assertThat(awaitTask(joinTask, "WAITING").path("status").asString()).isEqualTo("WAITING");
        assertThat(as(adminA).get("/api/v1/notifications").body()).contains(joinTask);
        assertThat(as(adminA).get("/api/v1/tasks/" + joinTask).status()).as("an approver sees the task").isEqualTo(200);
        Response platform = as(adminA).post("/api/v1/platforms", """
                {"orgId": "%s", "name": "baas", "baseUrl": "http://127.0.0.1:1/api",
                 "auth": {"type": "TOKEN", "token": "%s"}, "openApi": "not an OpenAPI document",
                 "template": {"operations": {}}}""".formatted(a, PLATFORM_TOKEN));
        assertThat(platform.status()).as(platform.body()).isEqualTo(202);
        String platformId = platform.field("platformId");
        awaitTask(platform.field("taskId"));
        String contract = contract(a, chain);
        Response keyCreated = as(adminA).post("/api/v1/organizations/" + a + "/api-keys",
                "{\"name\": \"ci\", \"role\": \"operator\"}");
        assertThat(keyCreated.status()).as(keyCreated.body()).isEqualTo(201);
        String apiKey = keyCreated.field("key");
        String apiKeyId = keyCreated.field("id");
        String keyHash = jdbc.sql("select key_hash from registry.api_key where id = :id")
                .param("id", UUID.fromString(apiKeyId)).query(String.class).single();

        List<String> idsOfA = List.of(a, chain, node, allianceId, allianceTask, businessChain, blockchain, joinTask,
                platformId, contract, apiKeyId);
        String nodeEtag = as(adminA).get("/api/v1/nodes/" + node).etag();
        assertThat(nodeEtag).isEqualTo("\"1\"");

        // --- B (org admin, then viewer) against every endpoint ---------------------------------------------------
        Map<String, Object> before = snapshot();
        for (Caller intruder : List.of(adminB, viewerB)) {
            Client as = as(intruder);
            boolean viewer = intruder.role() == Role.VIEWER;
            // listings: only B's own data, and asking for A's is a 403
            for (String list : List.of("/api/v1/organizations", "/api/v1/chains", "/api/v1/nodes",
                    "/api/v1/alliances", "/api/v1/business-chains", "/api/v1/blockchains", "/api/v1/tasks",
                    "/api/v1/notifications", "/api/v1/audit?outcome=success", "/api/v1/platforms", "/api/v1/contracts",
                    "/api/v1/tasks?resourceId=" + allianceId, "/api/v1/business-chains?allianceId=" + allianceId,
                    "/api/v1/blockchains?businessChainId=" + businessChain, "/api/v1/notifications?taskId=" + joinTask,
                    // B's own refused attempts on A's ids are in B's audit (B sent those ids); A's changes never are
                    "/api/v1/audit?outcome=success&resourceId=" + node, "/api/v1/audit?actor=user:admin-a")) {
                Response response = as.get(list);
                assertThat(response.status()).as(list + " " + response.body()).isEqualTo(200);
                assertThat(response.body()).as(list).doesNotContain(idsOfA);
            }
            for (String list : List.of("/api/v1/chains", "/api/v1/nodes", "/api/v1/alliances",
                    "/api/v1/business-chains", "/api/v1/blockchains", "/api/v1/tasks", "/api/v1/notifications",
                    "/api/v1/audit", "/api/v1/platforms", "/api/v1/contracts")) {
                refused(403, as, "GET", list + "?orgId=" + a, null);
            }
            // direct reads of A's resources: as if they did not exist
            for (String path : List.of("/api/v1/organizations/" + a, "/api/v1/organizations/" + a + "/resource-space",
                    "/api/v1/organizations/" + a + "/api-keys", "/api/v1/chains/" + chain, "/api/v1/nodes/" + node,
                    "/api/v1/alliances/" + allianceId, "/api/v1/business-chains/" + businessChain,
                    "/api/v1/blockchains/" + blockchain, "/api/v1/tasks/" + allianceTask, "/api/v1/tasks/" + joinTask,
                    "/api/v1/platforms/" + platformId, "/api/v1/contracts/" + contract,
                    "/api/v1/nodes?chainId=" + chain, "/api/v1/contracts?chainId=" + chain,
                    "/api/v1/contracts/" + contract + "/versions", "/api/v1/organizations/" + a + "/signing-keys",
                    "/api/v1/organizations/" + a + "/signing-keys/" + signingKey)) {
                refused(404, as, "GET", path, null);
            }
            // changes: 404 for A's resources, 403 for naming A as the acting or owning organization; a viewer is
            // refused everything with 403 before anything is looked up
            int hidden = viewer ? 403 : 404;
            int forbidden = 403;
            String ifMatch = "\"1\"";
            refused(hidden, as, "PUT", "/api/v1/organizations/" + a, "{\"name\": \"taken\", \"contactEmail\":"
                    + " \"x@b.example\", \"category\": \"CLOUD\"}", "If-Match", ifMatch);
            refused(hidden, as, "PUT", "/api/v1/organizations/" + a + "/resource-space", "{\"type\": \"TENANT\","
                    + " \"tenantId\": \"" + unique("t") + "\", \"projectId\": \"p\"}", "If-Match", ifMatch);
            refused(hidden, as, "DELETE", "/api/v1/organizations/" + a + "/resource-space", null, "If-Match", ifMatch);
            refused(hidden, as, "POST", "/api/v1/organizations/" + a + "/api-keys", "{\"name\": \"x\", \"role\":"
                    + " \"viewer\"}");
            refused(hidden, as, "DELETE", "/api/v1/organizations/" + a + "/api-keys/" + apiKeyId, null);
            refused(hidden, as, "PUT", "/api/v1/nodes/" + node, "{\"name\": \"stolen\", \"rpcUrl\":"
                    + " \"http://rpc.b.example:8545\"}", "If-Match", nodeEtag);
            refused(hidden, as, "DELETE", "/api/v1/nodes/" + node, null);
            refused(hidden, as, "POST", "/api/v1/chains/" + chain + "/operations/nodes", "{}");
            refused(hidden, as, "POST", "/api/v1/alliances/" + allianceId + "/leave-requests", "{}");
            refused(hidden, as, "POST", "/api/v1/alliances/" + allianceId + "/invitations/" + b, "{\"accept\": true}");
            refused(hidden, as, "DELETE", "/api/v1/alliances/" + allianceId, null);
            refused(hidden, as, "DELETE", "/api/v1/alliances/" + allianceId + "?orgId=" + a, null);
            refused(hidden, as, "PUT", "/api/v1/business-chains/" + businessChain, """
                    {"allianceId": "%s", "ownerOrgId": "%s", "name": "stolen", "createMode": "PRIVATE_CHAIN",
                     "memberOrgIds": ["%s"]}""".formatted(allianceId, a, a), "If-Match", ifMatch);
            refused(hidden, as, "DELETE", "/api/v1/business-chains/" + businessChain, null, "If-Match", ifMatch);
            refused(hidden, as, "PUT", "/api/v1/blockchains/" + blockchain, """
                    {"businessChainId": "%s", "name": "stolen", "cloudType": "PRIVATE", "orgIds": ["%s"]}"""
                    .formatted(businessChain, a), "If-Match", ifMatch);
            refused(hidden, as, "DELETE", "/api/v1/blockchains/" + blockchain, null, "If-Match", ifMatch);
            refused(hidden, as, "POST", "/api/v1/tasks/" + joinTask + "/approvals",
                    "{\"orgId\": \"" + b + "\", \"decision\": \"APPROVE\"}");
            refused(hidden, as, "POST", "/api/v1/tasks/" + joinTask + "/approvals",
                    "{\"orgId\": \"" + a + "\", \"decision\": \"APPROVE\"}");
            refused(hidden, as, "POST", "/api/v1/platforms/" + platformId + "/operations/ledgerSummary",
                    "{\"inputs\": {\"chainId\": \"x\"}}");
            refused(hidden, as, "POST", "/api/v1/contracts/" + contract + "/calls", "{\"function\": \"get\"}");
            // creating in A's name, or under A's parents
            refused(forbidden, as, "POST", "/api/v1/chains", "{\"orgId\": \"" + a + "\", \"name\": \"" + unique("c")
                    + "\", \"platform\": \"ETHEREUM\"}");
            refused(forbidden, as, "POST", "/api/v1/platforms", """
                    {"orgId": "%s", "name": "x", "baseUrl": "http://baas.b.example", "openApi": "x",
                     "template": {"operations": {}}}""".formatted(a));
            refused(forbidden, as, "POST", "/api/v1/alliances", "{\"name\": \"" + unique("x")
                    + "\", \"platform\": \"ETHEREUM\", \"creatorOrgId\": \"" + a + "\"}");
            refused(forbidden, as, "POST", "/api/v1/alliances/" + allianceId + "/join-requests",
                    "{\"orgId\": \"" + a + "\"}");
            refused(forbidden, as, "POST", "/api/v1/organizations", "{\"name\": \"" + unique("x")
                    + "\", \"contactEmail\": \"x@b.example\"}");
            refused(hidden, as, "POST", "/api/v1/nodes", "{\"chainId\": \"" + chain + "\", \"name\": \"x\","
                    + " \"rpcUrl\": \"http://rpc.b.example:8545\"}");
            refused(hidden, as, "POST", "/api/v1/contracts", """
                    {"chainId": "%s", "name": "x", "abi": [], "bytecode": "0x00", "keyId": "%s"}"""
                    .formatted(chain, signingKey));
            refused(hidden, as, "POST", "/api/v1/contracts/" + contract + "/upgrade", """
                    {"abi": [], "bytecode": "0x00", "keyId": "%s"}""".formatted(signingKey));
            refused(hidden, as, "POST", "/api/v1/organizations/" + a + "/signing-keys", "{\"name\": \"x\"}");
            refused(hidden, as, "DELETE", "/api/v1/organizations/" + a + "/signing-keys/" + signingKey, null);
            refused(hidden, as, "POST", "/api/v1/business-chains", """
                    {"allianceId": "%s", "ownerOrgId": "%s", "name": "x", "createMode": "PRIVATE_CHAIN",
                     "memberOrgIds": ["%s"]}""".formatted(allianceId, b, b));
            refused(hidden, as, "POST", "/api/v1/blockchains", """
                    {"businessChainId": "%s", "name": "x", "cloudType": "PRIVATE", "orgIds": ["%s"]}"""
                    .formatted(businessChain, b));
        }
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);

        // --- A's viewer reads its own organization's resources but changes none; an operator is no org admin --
        assertThat(as(viewerA).get("/api/v1/nodes/" + node).status()).isEqualTo(200);
        assertThat(as(viewerA).get("/api/v1/nodes").body()).contains(node);
        refused(403, as(viewerA), "PUT", "/api/v1/nodes/" + node, "{\"name\": \"v\", \"rpcUrl\":"
                + " \"http://rpc.a.example:8545\"}", "If-Match", nodeEtag);
        refused(403, as(viewerA), "DELETE", "/api/v1/nodes/" + node, null);
        refused(403, as(viewerA), "POST", "/api/v1/chains", "{\"orgId\": \"" + a + "\", \"name\": \"v\","
                + " \"platform\": \"ETHEREUM\"}");
        refused(403, as(viewerA), "PUT", "/api/v1/organizations/" + a, "{\"name\": \"v\", \"contactEmail\":"
                + " \"v@a.example\", \"category\": \"CLOUD\"}", "If-Match", "\"1\"");
        refused(403, as(viewerA), "DELETE", "/api/v1/organizations/" + a + "/api-keys/" + apiKeyId, null);
        refused(403, as(viewerA), "POST", "/api/v1/tasks/" + joinTask + "/approvals",
                "{\"decision\": \"APPROVE\"}");
        refused(403, as(viewerA), "DELETE", "/api/v1/business-chains/" + businessChain, null, "If-Match", "\"1\"");
        refused(403, as(operatorA), "POST", "/api/v1/organizations/" + a + "/api-keys",
                "{\"name\": \"x\", \"role\": \"viewer\"}");
        refused(403, as(operatorA), "PUT", "/api/v1/organizations/" + a, "{\"name\": \"o\", \"contactEmail\":"
                + " \"o@a.example\", \"category\": \"CLOUD\"}", "If-Match", "\"1\"");
        refused(403, as(operatorA), "DELETE", "/api/v1/alliances/" + allianceId, null);
        refused(403, as(operatorA), "POST", "/api/v1/platforms", """
                {"orgId": "%s", "name": "x", "baseUrl": "http://baas.a.example", "openApi": "x",
                 "template": {"operations": {}}}""".formatted(a));
        refused(403, as(adminA), "POST", "/api/v1/organizations", "{\"name\": \"" + unique("x")
                + "\", \"contactEmail\": \"x@a.example\"}");
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);

        // --- A's admin still can: approve as A (the approver), and sees its audit with the caller's org ----------
        Response approved = as(adminA).post("/api/v1/tasks/" + joinTask + "/approvals", "{\"decision\": \"APPROVE\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode audit = as(adminA).get("/api/v1/audit?action=task.approve").json();
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("actor").asString()).isEqualTo("user:admin-a");
        assertThat(audit.get(0).path("actorOrgId").asString()).isEqualTo(a);

        // --- no response carried a credential; the API key only in its one creation response ----------------
        List<String> secrets = List.of(ACCESS_KEY, SECRET_KEY, SPACE_TOKEN, PLATFORM_TOKEN, DEPLOYER_KEY,
                DEPLOYER_KEY.substring(2), keyHash, TestCallers.privateKey(), "yim9MiySNXPqjWyAw5uQmeSnuZmCNPA8dm5bO3Q5DTs");
        assertThat(responses).hasSizeGreaterThan(100);
        for (Response response : responses) {
            assertThat(response.body()).doesNotContain(secrets);
            assertThat(response.body()).as("an internal token").doesNotContain("eyJ");
            if (response != keyCreated) {
                assertThat(response.body()).doesNotContain(apiKey, apiKey.substring(12));
            }
        }
    }

    @Test
    void membersOfSharedResourcesActOnlyForThemselves() {
        String a = tenantOrganization("shared-a");
        String b = tenantOrganization("shared-b");
        String c = createOrganization("shared-c");
        String d = createOrganization("shared-d");
        Caller adminA = new Caller("user:admin-a", UUID.fromString(a), Role.ORG_ADMIN);
        Caller adminB = new Caller("user:admin-b", UUID.fromString(b), Role.ORG_ADMIN);
        Caller adminC = new Caller("user:admin-c", UUID.fromString(c), Role.ORG_ADMIN);
        Caller adminD = new Caller("user:admin-d", UUID.fromString(d), Role.ORG_ADMIN);

        Response alliance = as(adminA).post("/api/v1/alliances", """
                {"name": "%s", "platform": "FABRIC", "creatorOrgId": "%s", "invitedOrgIds": ["%s", "%s"]}"""
                .formatted(unique("shared"), a, b, c));
        assertThat(alliance.status()).as(alliance.body()).isEqualTo(202);
        String allianceId = alliance.field("allianceId");
        assertThat(awaitTask(alliance.field("taskId")).path("status").asString()).isEqualTo("SUCCEEDED");
        String invitations = "/api/v1/alliances/" + allianceId + "/invitations/";

        // invited organizations see the alliance and answer for themselves only
        assertThat(as(adminB).get("/api/v1/alliances/" + allianceId).status()).isEqualTo(200);
        assertThat(as(adminB).get("/api/v1/alliances").body()).contains(allianceId);
        refused(403, as(adminB), "POST", invitations + c, "{\"accept\": false}");
        assertThat(as(adminB).post(invitations + b, "{\"accept\": true}").status()).isEqualTo(200);
        assertThat(as(adminC).post(invitations + c, "{\"accept\": false}").status()).isEqualTo(200);
        refused(404, as(adminC), "GET", "/api/v1/alliances/" + allianceId, null);
        // only the creator deletes; nobody leaves in another's name
        refused(403, as(adminB), "DELETE", "/api/v1/alliances/" + allianceId, null);
        refused(403, as(adminB), "DELETE", "/api/v1/alliances/" + allianceId + "?orgId=" + a, null);
        refused(403, as(adminB), "POST", "/api/v1/alliances/" + allianceId + "/leave-requests",
                "{\"orgId\": \"" + a + "\"}");

        // a business chain of A with B as member: B reads it, only A changes it
        Response businessChain = as(adminA).post("/api/v1/business-chains", """
                {"allianceId": "%s", "ownerOrgId": "%s", "name": "shared", "createMode": "ISOLATED_SINGLE_CHAINS",
                 "memberOrgIds": ["%s"]}""".formatted(allianceId, a, b));
        String bc = created(businessChain);
        refused(403, as(adminB), "POST", "/api/v1/business-chains", """
                {"allianceId": "%s", "ownerOrgId": "%s", "name": "in-a-name", "createMode": "PRIVATE_CHAIN",
                 "memberOrgIds": ["%s"]}""".formatted(allianceId, a, a));
        assertThat(as(adminB).get("/api/v1/business-chains/" + bc).status()).isEqualTo(200);
        assertThat(as(adminB).get("/api/v1/business-chains").body()).contains(bc);
        refused(403, as(adminB), "PUT", "/api/v1/business-chains/" + bc, """
                {"allianceId": "%s", "ownerOrgId": "%s", "name": "renamed", "createMode": "ISOLATED_SINGLE_CHAINS",
                 "memberOrgIds": ["%s"]}""".formatted(allianceId, a, b), "If-Match", "\"1\"");
        refused(403, as(adminB), "DELETE", "/api/v1/business-chains/" + bc, null, "If-Match", "\"1\"");
        refused(403, as(adminB), "POST", "/api/v1/blockchains", """
                {"businessChainId": "%s", "name": "x", "cloudType": "PRIVATE", "orgIds": ["%s"]}"""
                .formatted(bc, b));
        String ledger = created(as(adminA).post("/api/v1/blockchains", """
                {"businessChainId": "%s", "name": "ledger", "cloudType": "PRIVATE", "orgIds": ["%s"]}"""
                .formatted(bc, a)));
        assertThat(as(adminB).get("/api/v1/blockchains/" + ledger).status())
                .as("B takes no part in this ledger").isEqualTo(404);
        refused(404, as(adminC), "GET", "/api/v1/business-chains/" + bc, null);

        // D asks to join: A and B approve, each for itself only; C (declined) does not see the task
        Response join = as(adminD).post("/api/v1/alliances/" + allianceId + "/join-requests", "{}");
        assertThat(join.status()).as(join.body()).isEqualTo(202);
        String task = join.field("taskId");
        awaitTask(task, "WAITING");
        assertThat(as(adminB).get("/api/v1/tasks").body()).contains(task);
        assertThat(as(adminD).get("/api/v1/tasks/" + task).status()).as("the submitter sees it").isEqualTo(200);
        refused(404, as(adminC), "GET", "/api/v1/tasks/" + task, null);
        refused(403, as(adminB), "POST", "/api/v1/tasks/" + task + "/approvals",
                "{\"orgId\": \"" + a + "\", \"decision\": \"APPROVE\"}");
        refused(403, as(adminD), "POST", "/api/v1/tasks/" + task + "/approvals",
                "{\"orgId\": \"" + a + "\", \"decision\": \"APPROVE\"}");
        assertThat(as(adminB).post("/api/v1/tasks/" + task + "/approvals", "{\"decision\": \"APPROVE\"}").status())
                .isEqualTo(200);
        assertThat(as(adminA).post("/api/v1/tasks/" + task + "/approvals", "{\"decision\": \"APPROVE\"}").status())
                .isEqualTo(200);
        assertThat(awaitTask(task).path("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode approvals = as(adminA).get("/api/v1/tasks/" + task).json().path("approvals");
        assertThat(approvals.valueStream().map(x -> x.path("orgId").asString()).toList())
                .containsExactlyInAnyOrder(a, b);

        // notifications: each organization its own
        JsonNode notificationsOfB = as(adminB).get("/api/v1/notifications").json();
        assertThat(notificationsOfB).isNotEmpty();
        assertThat(notificationsOfB.valueStream().map(n -> n.path("orgId").asString()).distinct().toList())
                .containsExactly(b);
        refused(403, as(adminB), "GET", "/api/v1/notifications?orgId=" + a, null);
    }

    private String tenantOrganization(String prefix) {
        return created(post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@shared.example", "category": "CLOUD",
                 "resourceSpace": {"type": "TENANT", "tenantId": "%s", "projectId": "p"}}"""
                .formatted(unique(prefix), unique("tenant"))));
    }

    private String created(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.field("id");
    }

    /** A contract row signed by an organization signing key in the secret store (deploying needs a running chain). */
    private String contract(String orgId, String chainId) {
        UUID id = UUID.randomUUID();
        UUID secret = new org.springframework.transaction.support.TransactionTemplate(transactions)
                .execute(status -> secrets.store(UUID.fromString(orgId), "signing-key", DEPLOYER_KEY));
        UUID key = UUID.randomUUID();
        jdbc.sql("""
                        insert into registry.signing_key (id, org_id, name, address, key_secret_id, origin, created_at)
                        values (:id, :orgId, 'deployer', :address, :secret, 'IMPORTED', now())""")
                .param("id", key).param("orgId", UUID.fromString(orgId)).param("address", "0x" + "56".repeat(20))
                .param("secret", secret).update();
        jdbc.sql("""
                        insert into registry.contract (id, chain_id, org_id, name, address, abi, tx_hash, deployer,
                            signing_key_id, block_number, created_at, implementation)
                        values (:id, :chainId, :orgId, 'counter', :address, cast(:abi as jsonb), :tx, :deployer,
                            :key, 1, now(), :address)""")
                .param("id", id).param("chainId", UUID.fromString(chainId)).param("orgId", UUID.fromString(orgId))
                .param("address", "0x" + "12".repeat(20))
                .param("abi", "[{\"type\": \"function\", \"name\": \"get\", \"inputs\": [], \"outputs\":"
                        + " [{\"name\": \"\", \"type\": \"uint256\"}], \"stateMutability\": \"view\"}]")
                .param("tx", "0x" + "34".repeat(32)).param("deployer", "0x" + "56".repeat(20)).param("key", key)
                .update();
        signingKey = key.toString();
        return id.toString();
    }

    /** The signing key {@link #contract} created. */
    private String signingKey;

    @org.springframework.beans.factory.annotation.Autowired
    private io.chainwatch.registry.secret.SecretStore secrets;

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.transaction.PlatformTransactionManager transactions;

    private void refused(int status, Client client, String method, String path, String body, String... headers) {
        Response response = client.send(method, path, body, headers);
        assertThat(response.status()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(method + " " + path).startsWith("application/problem+json");
    }

    /** Row counts and version sums of every table a request could change. */
    private Map<String, Object> snapshot() {
        Map<String, Object> state = new LinkedHashMap<>();
        for (String table : List.of("organization", "resource_space", "resource_space_node", "secret", "chain", "node",
                "outbox", "alliance", "alliance_member", "business_chain", "business_chain_member", "blockchain",
                "blockchain_org", "task", "task_approval", "notification", "platform", "contract", "api_key",
                "audit_log", "signing_key", "contract_revision")) {
            state.put(table, count(table));
        }
        for (String table : List.of("organization", "chain", "node", "alliance", "business_chain", "blockchain",
                "platform", "contract")) {
            state.put(table + " versions", jdbc.sql("select coalesce(sum(version), 0) from registry." + table)
                    .query(Long.class).single());
        }
        state.put("revoked keys", jdbc.sql("select count(*) from registry.api_key where revoked_at is not null")
                .query(Long.class).single());
        return state;
    }
}
