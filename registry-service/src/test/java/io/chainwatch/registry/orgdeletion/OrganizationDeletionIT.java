package io.chainwatch.registry.orgdeletion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import io.chainwatch.events.OrganizationLifecycle;
import io.chainwatch.events.Topics;
import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.registry.support.TopicReader;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A platform admin deletes an organization, over real HTTP, PostgreSQL and Kafka: nobody else may (403), an active
 * organization is refused (409) and so is one that still leads an alliance with other members (409 naming it), each
 * changing nothing; after deactivation the deletion removes its nodes (a tombstone for each on
 * {@code chainwatch.targets}, after the deactivation's), chains, API keys, secrets, alliance memberships and the
 * alliance it led alone; the API answers 404 for them; its row is left as an anonymized tombstone; the deletion is
 * audited with what was removed and published on {@code chainwatch.organizations}; another organization's data is
 * untouched.
 */
class OrganizationDeletionIT extends RegistryTestBase {

    @Test
    void onlyAPlatformAdminDeletesADeactivatedOrganizationAndOnlyWhatItOwnsGoes() {
        String doomed = createTenantOrganization("doomed");
        String other = createOrganization("bystander");
        Caller doomedAdmin = new Caller("user:doomed-admin", UUID.fromString(doomed), Role.ORG_ADMIN);
        Caller otherAdmin = new Caller("user:other-admin", UUID.fromString(other), Role.ORG_ADMIN);
        String chain = createChain(doomed, "doomed-chain");
        String node1 = createNode(chain, "n1");
        String node2 = createNode(chain, "n2");
        String otherChain = createChain(other, "other-chain");
        String otherNode = createNode(otherChain, "o1");
        Response key = as(doomedAdmin).post("/api/v1/organizations/" + doomed + "/api-keys",
                "{\"name\": \"ci\", \"role\": \"operator\"}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        String soloAlliance = createAlliance(doomed, List.of());
        String othersAlliance = createAlliance(other, List.of(doomed));
        Response signingKey = as(doomedAdmin).post("/api/v1/organizations/" + doomed + "/signing-keys",
                "{\"name\": \"deployer\"}");
        assertThat(signingKey.status()).as(signingKey.body()).isEqualTo(201);
        assertThat(secretsOf(doomed)).as("the tenant space's access key, secret key and token; the signing key")
                .isEqualTo(4);

        // one reader per node: a reader gives each record once, and the nodes' records interleave
        try (KafkaConsumer<String, String> targets1 = TopicReader.fromStart(Topics.TARGETS);
             KafkaConsumer<String, String> targets2 = TopicReader.fromStart(Topics.TARGETS);
             KafkaConsumer<String, String> otherTargets = TopicReader.fromStart(Topics.TARGETS)) {
            List<KafkaConsumer<String, String>> readers = List.of(targets1, targets2);
            List<String> doomedNodes = List.of(node1, node2);
            for (int i = 0; i < 2; i++) {
                String node = doomedNodes.get(i);
                await(readers.get(i), r -> node.equals(r.key()) && r.value() != null);
            }

            // nobody but a platform admin deletes it, not even its own org admin; an unknown id is a 404
            for (Caller refused : List.of(doomedAdmin, otherAdmin)) {
                Response answer = as(refused).delete("/api/v1/organizations/" + doomed);
                assertThat(answer.status()).as(answer.body()).isEqualTo(403);
                assertThat(answer.contentType()).startsWith("application/problem+json");
            }
            Response unknown = delete("/api/v1/organizations/" + UUID.randomUUID());
            assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
            assertThat(unknown.contentType()).startsWith("application/problem+json");

            // an active organization is refused: deactivation comes first; nothing changed
            long auditBefore = count("audit_log");
            Response active = delete("/api/v1/organizations/" + doomed);
            assertThat(active.status()).as(active.body()).isEqualTo(409);
            assertThat(active.contentType()).startsWith("application/problem+json");
            assertThat(active.body()).contains("deactivate it first");
            assertThat(get("/api/v1/nodes/" + node1).status()).isEqualTo(200);
            assertThat(get("/api/v1/chains/" + chain).status()).isEqualTo(200);
            assertThat(get("/api/v1/organizations/" + doomed).field("status")).isEqualTo("ACTIVE");
            assertThat(count("audit_log")).isEqualTo(auditBefore);

            Response deactivated = post("/api/v1/organizations/" + doomed + "/deactivate", null);
            assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);
            List<Long> withdrawn = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String node = doomedNodes.get(i);
                withdrawn.add(await(readers.get(i), r -> node.equals(r.key()) && r.value() == null).offset());
            }

            Response deleted = delete("/api/v1/organizations/" + doomed);
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
            JsonNode tombstone = deleted.json().path("organization");
            assertThat(tombstone.path("status").asString()).isEqualTo("DELETED");
            assertThat(tombstone.path("name").asString()).isEqualTo("deleted-" + doomed.substring(0, 8));
            assertThat(tombstone.path("contactEmail").isNull()).isTrue();
            assertThat(tombstone.path("deletedAt").asString()).isNotEmpty();
            JsonNode removed = deleted.json().path("removed");
            assertThat(removed.path("nodes").asInt()).isEqualTo(2);
            assertThat(removed.path("chains").asInt()).isEqualTo(1);
            assertThat(removed.path("apiKeys").asInt()).isEqualTo(1);
            assertThat(removed.path("resourceSpaces").asInt()).isEqualTo(1);
            assertThat(removed.path("secrets").asInt()).isEqualTo(4);
            assertThat(removed.path("signingKeys").asInt()).isEqualTo(1);
            assertThat(removed.path("alliances").asInt()).as("the alliance it led alone").isEqualTo(1);
            assertThat(removed.path("allianceMemberships").asInt()).as("its own and its invitation").isEqualTo(2);

            // the collectors stop polling its nodes: the deletion withdrew each once more, after the deactivation
            for (int i = 0; i < 2; i++) {
                String node = doomedNodes.get(i);
                ConsumerRecord<String, String> gone = await(readers.get(i), r -> node.equals(r.key()));
                assertThat(gone.value()).as("tombstone of " + node).isNull();
                assertThat(gone.offset()).isGreaterThan(withdrawn.get(i));
            }

            // its things are gone from the API; a second delete, a reactivation or a new chain for it are refused
            assertThat(get("/api/v1/nodes/" + node1).status()).isEqualTo(404);
            assertThat(get("/api/v1/nodes/" + node2).status()).isEqualTo(404);
            Response chainGone = get("/api/v1/chains/" + chain);
            assertThat(chainGone.status()).isEqualTo(404);
            assertThat(chainGone.contentType()).startsWith("application/problem+json");
            assertThat(get("/api/v1/organizations/" + doomed + "/api-keys").body()).isEqualTo("[]");
            assertThat(delete("/api/v1/organizations/" + doomed).status()).isEqualTo(409);
            assertThat(post("/api/v1/organizations/" + doomed + "/reactivate", null).status()).isEqualTo(409);
            Response newChain = post("/api/v1/chains",
                    "{\"orgId\": \"" + doomed + "\", \"name\": \"again\", \"platform\": \"ETHEREUM\"}");
            assertThat(newChain.status()).as(newChain.body()).isEqualTo(404);
            Response person = as(doomedAdmin).get("/api/v1/organizations/" + doomed);
            assertThat(person.status()).isEqualTo(403);
            assertThat(person.body()).contains("is deleted");
            assertThat(get("/api/v1/alliances/" + soloAlliance).field("status")).isEqualTo("DELETED");
            assertThat(get("/api/v1/organizations?name=" + doomed.substring(0, 8)).json().size()).isZero();

            // the row is a tombstone: anonymized, no contact, no secrets left
            assertThat(jdbc.sql("select name || '|' || coalesce(contact_email, '-') || '|' || (deleted_at is not null)"
                    + " from registry.organization where id = :id").param("id", UUID.fromString(doomed))
                    .query(String.class).single()).isEqualTo("deleted-" + doomed.substring(0, 8) + "|-|true");
            assertThat(secretsOf(doomed)).isZero();
            assertThat(jdbc.sql("select count(*) from registry.api_key where org_id = :id")
                    .param("id", UUID.fromString(doomed)).query(Long.class).single()).isZero();

            // another organization's data is untouched, its alliance without the deleted member
            assertThat(as(otherAdmin).get("/api/v1/nodes/" + otherNode).status()).isEqualTo(200);
            assertThat(as(otherAdmin).get("/api/v1/chains/" + otherChain).status()).isEqualTo(200);
            JsonNode alliance = get("/api/v1/alliances/" + othersAlliance).json();
            assertThat(alliance.path("status").asString()).isEqualTo("ACTIVE");
            assertThat(alliance.path("members").valueStream().map(m -> m.path("orgId").asString()).toList())
                    .containsExactly(other);
            ConsumerRecord<String, String> otherTarget = await(otherTargets, r -> otherNode.equals(r.key()));
            assertThat(otherTarget.value()).isNotNull();
            assertThat(jdbc.sql("select count(*) from registry.outbox where topic = :topic and message_key = :key"
                    + " and payload is null").param("topic", Topics.TARGETS).param("key", otherNode)
                    .query(Long.class).single()).as("no tombstone queued for the other organization's node").isZero();
        }

        // audited with what was removed (each node's removal too); the audit keeps the organization's id
        Response audit = get("/api/v1/audit?outcome=success&resourceType=organization&resourceId=" + doomed);
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        JsonNode entry = audit.json().valueStream()
                .filter(e -> e.path("action").asString().equals("organization.delete")).findFirst().orElseThrow();
        assertThat(entry.path("actor").asString()).isEqualTo(PLATFORM_ADMIN.subject());
        assertThat(entry.path("orgId").asString()).isEqualTo(doomed);
        assertThat(entry.path("before").path("status").asString()).isEqualTo("DEACTIVATED");
        assertThat(entry.path("after").path("organization").path("status").asString()).isEqualTo("DELETED");
        assertThat(entry.path("after").path("removed").path("nodes").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/audit?outcome=success&action=node.delete&resourceId=" + node1).json().size())
                .isEqualTo(1);

        // the other services learn it from the organizations topic: deactivated, and deleted
        try (KafkaConsumer<String, String> organizations = TopicReader.fromStart(Topics.ORGANIZATIONS)) {
            ConsumerRecord<String, String> record = await(organizations, r -> doomed.equals(r.key())
                    && json.readValue(r.value(), OrganizationLifecycle.class).deleted());
            OrganizationLifecycle lifecycle = json.readValue(record.value(), OrganizationLifecycle.class);
            assertThat(lifecycle.deactivated()).as("an older consumer keeps it deactivated").isTrue();
            assertThat(lifecycle.deletedAtMs()).isEqualTo(lifecycle.atMs());
        }
    }

    @Test
    void anOrganizationLeadingAnAllianceWithOtherMembersIsNotDeletedAndNothingChanges() {
        String leader = createOrganization("leader");
        String member = createOrganization("member");
        String chain = createChain(leader, "leader-chain");
        String node = createNode(chain, "n1");
        String alliance = createAlliance(leader, List.of(member));
        String allianceName = get("/api/v1/alliances/" + alliance).field("name");
        assertThat(post("/api/v1/organizations/" + leader + "/deactivate", null).status()).isEqualTo(200);
        long audits = count("audit_log");
        long outbox = count("outbox");

        Response refused = delete("/api/v1/organizations/" + leader);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("leads alliances other organizations are members of").contains(allianceName);

        assertThat(count("audit_log")).isEqualTo(audits);
        assertThat(count("outbox")).isEqualTo(outbox);
        assertThat(get("/api/v1/nodes/" + node).status()).isEqualTo(200);
        assertThat(get("/api/v1/organizations/" + leader).field("status")).isEqualTo("DEACTIVATED");
        assertThat(get("/api/v1/alliances/" + alliance).json().path("members").size()).isEqualTo(2);
    }

    private String createTenantOrganization(String prefix) {
        Response created = post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@doomed.example", "category": "CLOUD",
                 "resourceSpace": {"type": "TENANT", "tenantId": "%s", "projectId": "p-1",
                   "accessKey": "ak-value-1", "secretKey": "sk-value-1", "token": "token-value-1"}}"""
                .formatted(unique(prefix), unique("tenant")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.field("id");
    }

    private String createNode(String chainId, String name) {
        Response node = post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"" + name + "\","
                + " \"rpcUrl\": \"http://127.0.0.1:8545\"}");
        assertThat(node.status()).as(node.body()).isEqualTo(201);
        return node.field("id");
    }

    /** An active alliance created by {@code creator} with {@code invited} invited (not yet accepted). */
    private String createAlliance(String creator, List<String> invited) {
        Response submitted = post("/api/v1/alliances", """
                {"name": "%s", "platform": "FABRIC", "creatorOrgId": "%s", "invitedOrgIds": %s}"""
                .formatted(unique("alliance"), creator, json.writeValueAsString(invited)));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        JsonNode task = awaitTask(submitted.field("taskId"));
        assertThat(task.path("status").asString()).as(task.toString()).isEqualTo("SUCCEEDED");
        return submitted.field("allianceId");
    }

    private long secretsOf(String orgId) {
        return jdbc.sql("select count(*) from registry.secret where org_id = :id").param("id", UUID.fromString(orgId))
                .query(Long.class).single();
    }

    private static ConsumerRecord<String, String> await(KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> wanted) {
        return TopicReader.await(consumer, wanted, Duration.ofSeconds(30));
    }
}
