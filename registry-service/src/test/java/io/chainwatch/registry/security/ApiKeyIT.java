package io.chainwatch.registry.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys: created by an org admin and shown once, stored as a SHA-256 only, listed without key or hash, verified
 * by the gateway's internal endpoint (which records the use at most once a minute), refused once revoked or
 * expired, and never above the creator's role.
 */
class ApiKeyIT extends RegistryTestBase {

    /** The gateway, as it calls the internal endpoint. */
    private static final Caller GATEWAY = Caller.platformAdmin("system:gateway");

    private String orgId;
    private Caller admin;

    @BeforeEach
    void organization() {
        orgId = createOrganization("keys");
        admin = new Caller("user:key-admin", UUID.fromString(orgId), Role.ORG_ADMIN);
    }

    @Test
    void aKeyIsShownOnceStoredHashedAndVerified() throws Exception {
        Response created = as(admin).post(keys(), "{\"name\": \"CI pipeline\", \"role\": \"operator\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).contains("no-store");
        String key = created.field("key");
        String prefix = created.field("prefix");
        String id = created.field("id");
        assertThat(key).matches("cw_[a-z0-9]{8}_[A-Za-z0-9_-]{43}").startsWith("cw_" + prefix + "_");
        assertThat(created.field("role")).isEqualTo("operator");
        assertThat(created.field("createdBy")).isEqualTo("user:key-admin");
        assertThat(created.header("Location")).isEqualTo(keys() + "/" + id);

        // in the database: the SHA-256 of the whole key, nothing else of it
        Map<String, Object> row = jdbc.sql("select * from registry.api_key where id = :id")
                .param("id", UUID.fromString(id)).query().singleRow();
        assertThat(row.get("key_hash")).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8))));
        String secretPart = key.substring(12);
        assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(secretPart));

        // listings and the audit: no key, no hash
        Response list = as(admin).get(keys());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(prefix, "CI pipeline").doesNotContain(secretPart, (String) row.get("key_hash"));
        assertThat(list.json().get(0).has("key")).isFalse();
        assertThat(list.json().get(0).path("lastUsedAt").isNull()).isTrue();
        Response audit = get("/api/v1/audit?outcome=success&resourceType=api-key&resourceId=" + id);
        assertThat(audit.json()).hasSize(1);
        assertThat(audit.json().get(0).path("action").asString()).isEqualTo("api-key.create");
        assertThat(audit.body()).doesNotContain(secretPart, (String) row.get("key_hash"));

        // the gateway verifies it
        Response verified = verify(key);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("keyId").asString()).isEqualTo(id);
        assertThat(verified.json().path("orgId").asString()).isEqualTo(orgId);
        assertThat(verified.json().path("role").asString()).isEqualTo("OPERATOR");
        assertThat(verified.json().path("prefix").asString()).isEqualTo(prefix);
        assertThat(verified.json().size()).isEqualTo(4);
        Instant used = Instant.parse(as(admin).get(keys()).json().get(0).path("lastUsedAt").asString());
        assertThat(verify(key).status()).isEqualTo(200);
        assertThat(Instant.parse(as(admin).get(keys()).json().get(0).path("lastUsedAt").asString()))
                .as("recorded at most once a minute").isEqualTo(used);
        jdbc.sql("update registry.api_key set last_used_at = now() - interval '2 minutes' where id = :id")
                .param("id", UUID.fromString(id)).update();
        assertThat(verify(key).status()).isEqualTo(200);
        assertThat(Instant.parse(as(admin).get(keys()).json().get(0).path("lastUsedAt").asString()))
                .isAfter(used.minusSeconds(1));

        // unknown, malformed, wrong secret: all the same 404
        String wrongSecret = key.substring(0, 12) + (key.charAt(12) == 'A' ? 'B' : 'A') + key.substring(13);
        for (String bad : List.of(wrongSecret, "cw_zzzzzzzz_" + secretPart, "cw_" + prefix, "not a key", "")) {
            notFound(verify(bad));
        }
        notFound(as(GATEWAY).post("/internal/api-keys/verify", "{}"));
        // only ChainWatch components reach /internal/
        assertThat(as(admin).post("/internal/api-keys/verify", "{\"key\": \"" + key + "\"}").status()).isEqualTo(403);
        assertThat(post("/internal/api-keys/verify", "{\"key\": \"" + key + "\"}").status())
                .as("a platform admin user is no component").isEqualTo(403);

        // revoked: refused; revoking again changes nothing
        assertThat(as(admin).delete(keys() + "/" + id).status()).isEqualTo(204);
        JsonNode revoked = as(admin).get(keys()).json().get(0);
        assertThat(revoked.path("revokedAt").asString()).isNotBlank();
        notFound(verify(key));
        assertThat(as(admin).delete(keys() + "/" + id).status()).isEqualTo(204);
        assertThat(as(admin).get(keys()).json().get(0).path("revokedAt").asString())
                .isEqualTo(revoked.path("revokedAt").asString());
        // one revocation recorded (the repeated DELETE is audited too, as a call, by the AuditFilter: asynchronously,
        // so counting every entry of the key would race with it)
        assertThat(get("/api/v1/audit?outcome=success&action=api-key.revoke&resourceId=" + id).json()).hasSize(1);
        assertThat(as(admin).delete(keys() + "/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void expiredKeysAreRefused() {
        String expiresAt = Instant.now().plusSeconds(3600).toString();
        Response created = as(admin).post(keys(), "{\"name\": \"short\", \"role\": \"viewer\", \"expiresAt\": \""
                + expiresAt + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(verify(created.field("key")).json().path("role").asString()).isEqualTo("VIEWER");
        // an hour later
        jdbc.sql("update registry.api_key set expires_at = now() - interval '1 second' where id = :id")
                .param("id", UUID.fromString(created.field("id"))).update();
        notFound(verify(created.field("key")));

        Response past = as(admin).post(keys(), "{\"name\": \"past\", \"role\": \"viewer\", \"expiresAt\": \""
                + Instant.now().minusSeconds(60) + "\"}");
        problem(past, 400, "expiresAt");
        problem(as(admin).post(keys(), "{\"name\": \"bad\", \"role\": \"viewer\", \"expiresAt\": \"tomorrow\"}"), 400,
                "expiresAt");
    }

    @Test
    void rolesAreCapped() {
        long before = count("api_key");
        problem(as(admin).post(keys(), "{\"name\": \"x\", \"role\": \"platform-admin\"}"), 400, "role");
        problem(as(admin).post(keys(), "{\"name\": \"x\", \"role\": \"superuser\"}"), 400, "role");
        problem(as(admin).post(keys(), "{\"name\": \"x\"}"), 400, "role");
        problem(as(admin).post(keys(), "{\"role\": \"viewer\"}"), 400, "name");
        Caller operator = new Caller("user:op", UUID.fromString(orgId), Role.OPERATOR);
        problem(as(operator).post(keys(), "{\"name\": \"x\", \"role\": \"viewer\"}"), 403, "org-admin");
        problem(as(operator).get(keys()), 403, "org-admin");
        assertThat(count("api_key")).isEqualTo(before);

        Response orgAdminKey = as(admin).post(keys(), "{\"name\": \"admin key\", \"role\": \"org-admin\"}");
        assertThat(orgAdminKey.status()).as(orgAdminKey.body()).isEqualTo(201);
        assertThat(verify(orgAdminKey.field("key")).json().path("role").asString()).isEqualTo("ORG_ADMIN");
        // a platform admin manages any organization's keys
        Response byPlatformAdmin = post(keys(), "{\"name\": \"by admin\", \"role\": \"VIEWER\"}");
        assertThat(byPlatformAdmin.status()).as(byPlatformAdmin.body()).isEqualTo(201);
        assertThat(get(keys()).json()).hasSize(2);
        problem(post("/api/v1/organizations/" + UUID.randomUUID() + "/api-keys",
                "{\"name\": \"x\", \"role\": \"viewer\"}"), 404, "organization");
    }

    private String keys() {
        return "/api/v1/organizations/" + orgId + "/api-keys";
    }

    private Response verify(String key) {
        return as(GATEWAY).post("/internal/api-keys/verify", "{\"key\": " + json.writeValueAsString(key) + "}");
    }

    private static void notFound(Response response) {
        problem(response, 404);
    }

    private static void problem(Response response, int status, String... detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        for (String fragment : detail) {
            assertThat(response.json().path("detail").asString()).as(response.body()).contains(fragment);
        }
    }
}
