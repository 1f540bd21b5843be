package io.chainwatch.registry.alliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A join request reveals nothing the applicant may not see: a missing or not active alliance is a 404, the
 * applicant's view of its task names no approver, and a second request while one is pending is a 409.
 */
class JoinRequestIT extends RegistryTestBase {

    @Test
    void oneJoinRequestAtATimeAndTheApplicantDoesNotLearnTheApprovers() {
        String a = createOrganization("join-a");
        String d = createOrganization("join-d");
        Caller adminA = new Caller("user:a", UUID.fromString(a), Role.ORG_ADMIN);
        Caller adminD = new Caller("user:d", UUID.fromString(d), Role.ORG_ADMIN);
        Response submitted = as(adminA).send("POST", "/api/v1/alliances", """
                {"name": "%s", "platform": "FABRIC", "creatorOrgId": "%s", "invitedOrgIds": []}"""
                .formatted(unique("join"), a));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String allianceId = submitted.field("allianceId");
        assertThat(awaitTask(submitted.field("taskId")).path("status").asString()).isEqualTo("SUCCEEDED");

        // an alliance id that does not exist: 404, nothing submitted
        long tasks = count("task");
        assertThat(as(adminD).send("POST", "/api/v1/alliances/" + UUID.randomUUID() + "/join-requests", "{}").status())
                .isEqualTo(404);
        assertThat(count("task")).isEqualTo(tasks);

        Response join = as(adminD).send("POST", "/api/v1/alliances/" + allianceId + "/join-requests", "{}");
        assertThat(join.status()).as(join.body()).isEqualTo(202);
        JsonNode waiting = awaitTask(join.field("taskId"), "WAITING");
        assertThat(waiting.path("status").asString()).isEqualTo("WAITING");

        // the applicant's view names no approver
        Response mine = as(adminD).get("/api/v1/tasks/" + join.field("taskId"));
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body()).doesNotContain(a);
        // an approver sees itself asked
        assertThat(as(adminA).get("/api/v1/tasks/" + join.field("taskId")).body()).contains(a);

        // asking again while the first is pending: 409, no second task
        tasks = count("task");
        Response again = as(adminD).send("POST", "/api/v1/alliances/" + allianceId + "/join-requests", "{}");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(count("task")).isEqualTo(tasks);
    }
    /**
     * A join request waits for the members asked when it was made; one that leaves the alliance, or is deleted, since
     * no longer holds it up (before, the request waited for that approval for ever) and its decision no longer counts.
     */
    @Test
    void membersWhoLeftOrWereDeletedNoLongerHoldAJoinRequestUp() {
        String a = createOrganization("wait-a");
        String b = createOrganization("wait-b");
        String e = createOrganization("wait-e");
        String d = createOrganization("wait-d");
        Response submitted = post("/api/v1/alliances", """
                {"name": "%s", "platform": "FABRIC", "creatorOrgId": "%s", "invitedOrgIds": ["%s", "%s"]}"""
                .formatted(unique("wait"), a, b, e));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String allianceId = submitted.field("allianceId");
        assertThat(awaitTask(submitted.field("taskId")).path("status").asString()).isEqualTo("SUCCEEDED");
        for (String invited : new String[] {b, e}) {
            assertThat(post("/api/v1/alliances/" + allianceId + "/invitations/" + invited, "{\"accept\": true}")
                    .status()).isEqualTo(200);
        }

        // D asks to join: A, B and E are asked
        String join = post("/api/v1/alliances/" + allianceId + "/join-requests", "{\"orgId\": \"" + d + "\"}")
                .field("taskId");
        assertThat(awaitTask(join, "WAITING").path("status").asString()).isEqualTo("WAITING");

        // B leaves the alliance; E is deactivated and deleted
        String leave = post("/api/v1/alliances/" + allianceId + "/leave-requests", "{\"orgId\": \"" + b + "\"}")
                .field("taskId");
        assertThat(awaitTask(leave).path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(post("/api/v1/organizations/" + e + "/deactivate", null).status()).isEqualTo(200);
        Response deleted = delete("/api/v1/organizations/" + e);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);

        // B, gone, would reject: it no longer decides (409, nothing recorded)
        Response refused = post("/api/v1/tasks/" + join + "/approvals",
                "{\"orgId\": \"" + b + "\", \"decision\": \"REJECT\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("no longer decides");
        assertThat(get("/api/v1/tasks/" + join).json().path("approvals")).isEmpty();
        // A, the one member left of those asked, approves: D is in
        Response approved = post("/api/v1/tasks/" + join + "/approvals",
                "{\"orgId\": \"" + a + "\", \"decision\": \"APPROVE\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode done = awaitTask(join);
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(get("/api/v1/alliances/" + allianceId).json().path("members").valueStream()
                .map(m -> m.path("orgId").asString()).toList()).contains(a, d).doesNotContain(b, e);
    }
}
