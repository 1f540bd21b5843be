package io.chainwatch.registry.alliance;

import java.util.List;

import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alliance operations as tasks over HTTP: create with invitations, join with every member's approval (the task
 * waits), rejection rolls back, leave, delete by the creator only; notifications and audit entries.
 */
class AllianceIT extends RegistryTestBase {

    @Test
    void createInviteJoinWithApprovalsLeaveAndDelete() {
        String a = createOrganization("creator");
        String b = createOrganization("invitee-b");
        String c = createOrganization("invitee-c");
        String d = createOrganization("applicant-d");
        String name = unique("alliance");

        // created by A's org admin carol
        Response submitted = as(new Caller("user:carol", java.util.UUID.fromString(a), Role.ORG_ADMIN))
                .send("POST", "/api/v1/alliances", """
                {"name": "%s", "platform": "FABRIC", "creatorOrgId": "%s", "invitedOrgIds": ["%s", "%s"]}"""
                .formatted(name, a, b, c));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String taskId = submitted.field("taskId");
        String allianceId = submitted.field("allianceId");
        assertThat(submitted.header("Location")).isEqualTo("/api/v1/tasks/" + taskId);

        JsonNode created = awaitTask(taskId);
        assertThat(created.path("status").asString()).as(created.toString()).isEqualTo("SUCCEEDED");
        assertThat(created.path("actor").asString()).isEqualTo("user:carol");
        assertThat(created.path("steps").valueStream().map(s -> s.path("name").asString()).toList())
                .containsExactly("create", "invite", "invite", "notify", "notify", "execute");
        JsonNode alliance = get("/api/v1/alliances/" + allianceId).json();
        assertThat(alliance.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(alliance.path("unionId").asString()).startsWith("union-");
        assertThat(memberStatus(alliance, a)).isEqualTo("CREATOR/ACTIVE");
        assertThat(memberStatus(alliance, b)).isEqualTo("MEMBER/INVITED");
        assertThat(notifications(b, "ALLIANCE_INVITATION")).hasSize(1);
        assertThat(notifications(b, "ALLIANCE_INVITATION").get(0).path("email").asString()).isEqualTo("ops@acme.example");
        assertThat(get("/api/v1/audit?outcome=success&resourceType=alliance&resourceId=" + allianceId + "&actor=user:carol")
                .header("X-Total-Count")).isEqualTo("4"); // create, invite, invite, activate

        // invitations: B accepts, C declines
        assertThat(send("POST", "/api/v1/alliances/" + allianceId + "/invitations/" + b, "{\"accept\": true}")
                .status()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/alliances/" + allianceId + "/invitations/" + c, "{\"accept\": false}")
                .status()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/alliances/" + allianceId + "/invitations/" + c, "{\"accept\": true}")
                .status()).as("no pending invitation any more").isEqualTo(409);
        alliance = get("/api/v1/alliances/" + allianceId).json();
        assertThat(memberStatus(alliance, b)).isEqualTo("MEMBER/ACTIVE");
        assertThat(memberStatus(alliance, c)).isNull();

        // D asks to join: A and B must approve; the task waits
        String join = send("POST", "/api/v1/alliances/" + allianceId + "/join-requests", "{\"orgId\": \"" + d + "\"}")
                .field("taskId");
        JsonNode waiting = awaitTask(join, "WAITING");
        assertThat(waiting.path("status").asString()).isEqualTo("WAITING");
        assertThat(waiting.path("currentStep").asString()).isEqualTo("approve");
        assertThat(waiting.path("percent").asInt()).isBetween(1, 99);
        assertThat(notifications(a, "JOIN_APPROVAL_REQUESTED")).hasSize(1);
        assertThat(notifications(b, "JOIN_APPROVAL_REQUESTED").get(0).path("body").asString()).contains(join);

        assertThat(send("POST", "/api/v1/tasks/" + join + "/approvals",
                "{\"orgId\": \"" + c + "\", \"decision\": \"APPROVE\"}").status()).as("not an approver").isEqualTo(409);
        assertThat(send("POST", "/api/v1/tasks/" + join + "/approvals",
                "{\"orgId\": \"" + a + "\", \"decision\": \"APPROVE\"}").status()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/tasks/" + join + "/approvals",
                "{\"orgId\": \"" + a + "\", \"decision\": \"REJECT\"}").status()).as("decided already").isEqualTo(409);
        // one approval of two: the task stays waiting (for as long as the engine's polling takes several turns)
        await().during(java.time.Duration.ofMillis(300)).atMost(java.time.Duration.ofSeconds(2))
                .until(() -> get("/api/v1/tasks/" + join).field("status").equals("WAITING"));
        assertThat(memberStatus(get("/api/v1/alliances/" + allianceId).json(), d)).isNull();

        assertThat(send("POST", "/api/v1/tasks/" + join + "/approvals",
                "{\"orgId\": \"" + b + "\", \"decision\": \"APPROVE\"}").status()).isEqualTo(200);
        JsonNode joined = awaitTask(join);
        assertThat(joined.path("status").asString()).as(joined.toString()).isEqualTo("SUCCEEDED");
        assertThat(joined.path("approvals")).hasSize(2);
        assertThat(memberStatus(get("/api/v1/alliances/" + allianceId).json(), d)).isEqualTo("MEMBER/ACTIVE");
        assertThat(notifications(d, "JOIN_APPROVED")).hasSize(1);

        // C asks to join, A rejects: the task fails, C is not a member, the approval requests are withdrawn
        String rejectedJoin = send("POST", "/api/v1/alliances/" + allianceId + "/join-requests",
                "{\"orgId\": \"" + c + "\"}").field("taskId");
        awaitTask(rejectedJoin, "WAITING");
        assertThat(get("/api/v1/notifications?taskId=" + rejectedJoin).header("X-Total-Count")).isEqualTo("3");
        send("POST", "/api/v1/tasks/" + rejectedJoin + "/approvals", "{\"orgId\": \"" + a + "\", \"decision\": \"REJECT\"}");
        JsonNode rejected = awaitTask(rejectedJoin);
        assertThat(rejected.path("status").asString()).isEqualTo("FAILED");
        assertThat(rejected.path("error").asString()).contains("rejected by");
        assertThat(memberStatus(get("/api/v1/alliances/" + allianceId).json(), c)).isNull();
        assertThat(get("/api/v1/notifications?taskId=" + rejectedJoin + "&kind=JOIN_APPROVAL_REQUESTED")
                .header("X-Total-Count")).isEqualTo("0");
        assertThat(notifications(c, "JOIN_REJECTED")).hasSize(1); // the applicant hears the result

        // D leaves; the others hear of it
        String leave = send("POST", "/api/v1/alliances/" + allianceId + "/leave-requests", "{\"orgId\": \"" + d + "\"}")
                .field("taskId");
        assertThat(awaitTask(leave).path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(memberStatus(get("/api/v1/alliances/" + allianceId).json(), d)).isNull();
        assertThat(notifications(b, "ALLIANCE_MEMBER_LEFT")).hasSize(1);
        assertThat(send("POST", "/api/v1/alliances/" + allianceId + "/leave-requests", "{\"orgId\": \"" + a + "\"}")
                .status()).as("the creator cannot leave").isEqualTo(409);

        // only the creator deletes
        Response notCreator = send("DELETE", "/api/v1/alliances/" + allianceId + "?orgId=" + b, null);
        assertThat(notCreator.status()).isEqualTo(409);
        assertThat(notCreator.json().path("detail").asString()).contains("Only the creator");
        String delete = send("DELETE", "/api/v1/alliances/" + allianceId + "?orgId=" + a, null).field("taskId");
        assertThat(awaitTask(delete).path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(get("/api/v1/alliances/" + allianceId).field("status")).isEqualTo("DELETED");
        assertThat(get("/api/v1/alliances?orgId=" + a).header("X-Total-Count")).isEqualTo("0");
        assertThat(get("/api/v1/alliances?orgId=" + a + "&status=DELETED").header("X-Total-Count")).isEqualTo("1");
        // a deleted alliance is answered as one that does not exist
        assertThat(send("POST", "/api/v1/alliances/" + allianceId + "/join-requests", "{\"orgId\": \"" + c + "\"}")
                .status()).isEqualTo(404);
    }

    @Test
    void badAllianceRequestsWriteNothing() {
        String a = createOrganization("bad-alliance");
        String name = unique("taken");
        String first = send("POST", "/api/v1/alliances",
                "{\"name\": \"" + name + "\", \"platform\": \"ETHEREUM\", \"creatorOrgId\": \"" + a + "\"}").field("taskId");
        assertThat(awaitTask(first).path("status").asString()).isEqualTo("SUCCEEDED");
        long tasks = count("task");

        assertThat(send("POST", "/api/v1/alliances", "{\"name\": \"" + name + "\", \"platform\": \"ETHEREUM\","
                + " \"creatorOrgId\": \"" + a + "\"}").status()).isEqualTo(409);
        assertThat(send("POST", "/api/v1/alliances", "{\"name\": \"x\", \"platform\": \"ethereum\","
                + " \"creatorOrgId\": \"" + a + "\"}").status()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/alliances", "{\"name\": \"" + unique("y") + "\", \"platform\": \"FABRIC\","
                + " \"creatorOrgId\": \"" + a + "\", \"invitedOrgIds\": [\"" + java.util.UUID.randomUUID() + "\"]}")
                .status()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/alliances", "{\"name\": \"" + unique("z") + "\", \"platform\": \"FABRIC\","
                + " \"creatorOrgId\": \"" + a + "\", \"invitedOrgIds\": [\"" + a + "\"]}").status()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/alliances", "{}").status()).isEqualTo(400);
        assertThat(count("task")).isEqualTo(tasks);
    }

    private List<JsonNode> notifications(String orgId, String kind) {
        Response response = get("/api/v1/notifications?orgId=" + orgId + "&kind=" + kind + "&sent=false");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().valueStream().toList();
    }

    private static String memberStatus(JsonNode alliance, String orgId) {
        return alliance.path("members").valueStream().filter(m -> m.path("orgId").asString().equals(orgId))
                .map(m -> m.path("role").asString() + "/" + m.path("status").asString()).findFirst().orElse(null);
    }

}
