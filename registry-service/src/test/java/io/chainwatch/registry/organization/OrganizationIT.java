package io.chainwatch.registry.organization;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.security.Caller;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organizations with user categories and resource spaces over real HTTP and PostgreSQL: secrets encrypted and
 * never returned, optimistic locking with ETag / If-Match, one organization per resource space, paging and
 * filters, and the audit log of every change.
 */
class OrganizationIT extends RegistryTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    io.chainwatch.registry.secret.SecretCipher cipher;

    private static final String ACCESS_KEY = "AKIA-ACCESS-KEY-0001";
    private static final String SECRET_KEY = "very-secret-key-value-0001";
    private static final String TOKEN = "token-abcdef-0001";

    @Test
    void cloudOrganizationWithTenantSpaceKeepsSecretsEncryptedAndHidden() {
        String name = unique("cloud");
        String tenant = unique("tenant");
        Response created = as(Caller.platformAdmin("user:alice")).send("POST", "/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@cloud.example", "category": "CLOUD", "orgCode": "%s",
                 "resourceSpace": {"type": "TENANT", "tenantId": "%s", "tenantName": "Cloud Tenant",
                   "projectId": "p-1", "projectName": "Project One",
                   "accessKey": "%s", "secretKey": "%s", "token": "%s"}}"""
                .formatted(name, unique("code"), tenant, ACCESS_KEY, SECRET_KEY, TOKEN));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.etag()).isEqualTo("\"1\"");
        assertThat(created.body()).doesNotContain(ACCESS_KEY, SECRET_KEY, TOKEN);
        JsonNode org = created.json();
        assertThat(org.path("category").asString()).isEqualTo("CLOUD");
        assertThat(org.path("resourceSpaceType").asString()).isEqualTo("TENANT");
        JsonNode space = org.path("resourceSpace");
        assertThat(space.path("tenantId").asString()).isEqualTo(tenant);
        assertThat(space.path("projectName").asString()).isEqualTo("Project One");
        assertThat(space.path("accessKey").path("set").asBoolean()).isTrue();
        assertThat(space.path("accessKey").path("fingerprint").asString())
                .isEqualTo(cipher.fingerprint(java.util.UUID.fromString(org.path("id").asString()), ACCESS_KEY))
                .startsWith("hmac:");
        assertThat(space.path("token").path("set").asBoolean()).isTrue();

        String id = org.path("id").asString();
        // at rest: ciphertexts, under the active key, none containing the plaintext
        List<Map<String, Object>> rows = jdbc.sql("select key_id, ciphertext from registry.secret where org_id = :id")
                .param("id", java.util.UUID.fromString(id)).query().listOfRows();
        assertThat(rows).hasSize(3);
        for (Map<String, Object> row : rows) {
            assertThat(row.get("key_id")).isEqualTo("dev-local-only");
            String bytes = new String((byte[]) row.get("ciphertext"), StandardCharsets.ISO_8859_1);
            assertThat(bytes).doesNotContain(ACCESS_KEY, SECRET_KEY, TOKEN);
        }

        Response read = get("/api/v1/organizations/" + id);
        assertThat(read.json()).isEqualTo(org);
        assertThat(read.etag()).isEqualTo("\"1\"");
        Response spaceRead = get("/api/v1/organizations/" + id + "/resource-space");
        assertThat(spaceRead.status()).isEqualTo(200);
        assertThat(spaceRead.json()).isEqualTo(space);

        // audit: who, which org, what, after - without secrets
        Response audit = get("/api/v1/audit?outcome=success&resourceType=organization&resourceId=" + id);
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        assertThat(audit.body()).doesNotContain(ACCESS_KEY, SECRET_KEY, TOKEN);
        JsonNode entry = audit.json().get(0);
        assertThat(entry.path("actor").asString()).isEqualTo("user:alice");
        assertThat(entry.path("orgId").asString()).isEqualTo(id);
        assertThat(entry.path("action").asString()).isEqualTo("organization.create");
        assertThat(entry.path("before").isNull()).isTrue();
        assertThat(entry.path("after").path("resourceSpace").path("tenantId").asString()).isEqualTo(tenant);
    }

    @Test
    void replacingTheTenantSpaceKeepsOmittedSecretsAndReplacesGivenOnes() {
        String id = createOrganization("replace");
        Response first = send("PUT", "/api/v1/organizations/" + id + "/resource-space", """
                {"type": "TENANT", "tenantId": "%s", "projectId": "p", "accessKey": "ak-1", "secretKey": "sk-1"}"""
                .formatted(unique("t")), "If-Match", "\"1\"");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.etag()).isEqualTo("\"2\"");
        assertThat(first.json().path("resourceSpace").path("token").path("set").asBoolean()).isFalse();

        Response second = send("PUT", "/api/v1/organizations/" + id + "/resource-space", """
                {"type": "TENANT", "tenantId": "%s", "projectId": "p2", "secretKey": "sk-2"}"""
                .formatted(unique("t")), "If-Match", first.etag());
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        JsonNode space = second.json().path("resourceSpace");
        assertThat(space.path("accessKey").path("fingerprint").asString())
                .isEqualTo(cipher.fingerprint(java.util.UUID.fromString(id), "ak-1"));
        assertThat(space.path("secretKey").path("fingerprint").asString())
                .isEqualTo(cipher.fingerprint(java.util.UUID.fromString(id), "sk-2"));
        assertThat(jdbc.sql("select count(*) from registry.secret where org_id = cast(:id as uuid)").param("id", id)
                .query(Long.class).single()).as("the replaced secret key is forgotten").isEqualTo(2);

        Response deleted = send("DELETE", "/api/v1/organizations/" + id + "/resource-space", null,
                "If-Match", second.etag());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().path("resourceSpaceType").isNull()).isTrue();
        assertThat(jdbc.sql("select count(*) from registry.secret where org_id = cast(:id as uuid)").param("id", id)
                .query(Long.class).single()).isZero();
        assertThat(get("/api/v1/organizations/" + id + "/resource-space").status()).isEqualTo(404);
    }

    @Test
    void offCloudOrganizationWithPhysicalNodesAndCertificate() throws IOException {
        String pem = certificate();
        String host = unique("peer") + ".acme.example";
        Response created = post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@acme.example", "category": "OFF_CLOUD",
                 "resourceSpace": {"type": "PHYSICAL", "nodes": [
                   {"host": "%s", "port": 7051, "tlsCertificate": %s},
                   {"host": "%s", "port": 7052}]}}"""
                .formatted(unique("offcloud"), host, json.writeValueAsString(pem), host));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode nodes = created.json().path("resourceSpace").path("nodes");
        assertThat(nodes).hasSize(2);
        assertThat(nodes.get(0).path("host").asString()).isEqualTo(host);
        assertThat(nodes.get(0).path("tlsCertificate").path("subject").asString()).contains("CN=peer0.acme.example");
        assertThat(nodes.get(0).path("tlsCertificate").path("sha256").asString()).hasSize(95);
        assertThat(nodes.get(1).path("tlsCertificate").isNull()).isTrue();

        // the same host:port cannot be bound by a second organization
        rejected(409, () -> post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@b.example", "category": "OFF_CLOUD",
                 "resourceSpace": {"type": "PHYSICAL", "nodes": [{"host": "%s", "port": 7052}]}}"""
                .formatted(unique("other"), host)), "already bound to another organization");
    }

    @Test
    void aTenantSpaceBindsToOneOrganizationOnly() {
        String tenant = unique("shared-tenant");
        String body = """
                {"name": "%s", "contactEmail": "ops@a.example",
                 "resourceSpace": {"type": "TENANT", "tenantId": "%s", "projectId": "p"}}""";
        assertThat(post("/api/v1/organizations", body.formatted(unique("first"), tenant)).status()).isEqualTo(201);
        rejected(409, () -> post("/api/v1/organizations", body.formatted(unique("second"), tenant)),
                "already bound to another organization", tenant);
        String other = createOrganization("third");
        rejected(409, () -> send("PUT", "/api/v1/organizations/" + other + "/resource-space",
                "{\"type\": \"TENANT\", \"tenantId\": \"" + tenant + "\", \"projectId\": \"p\"}", "If-Match", "\"1\""),
                "already bound");
    }

    @Test
    void badResourceSpacesAreRejectedAndWriteNothing() {
        rejected(400, () -> post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@a.example", "category": "CLOUD",
                 "resourceSpace": {"type": "PHYSICAL", "nodes": [{"host": "h", "port": 1}]}}""".formatted(unique("x"))),
                "resourceSpace.type", "TENANT");
        rejected(400, () -> post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@a.example", "category": "OFF_CLOUD",
                 "resourceSpace": {"type": "PHYSICAL", "nodes": [{"host": "h", "port": 1, "tlsCertificate": "nope"}]}}"""
                .formatted(unique("x"))), "tlsCertificate", "PEM");
        rejected(400, () -> post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@a.example", "category": "OFF_CLOUD",
                 "resourceSpace": {"type": "PHYSICAL", "nodes": [{"host": "h", "port": 70000}]}}"""
                .formatted(unique("x"))), "port");
        rejected(400, () -> post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@a.example", "category": "OFF_CLOUD",
                 "resourceSpace": {"type": "PHYSICAL", "nodes": []}}""".formatted(unique("x"))), "nodes");
        rejected(400, () -> post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@a.example",
                 "resourceSpace": {"type": "TENANT", "projectId": "p", "accessKey": "ak"}}""".formatted(unique("x"))),
                "tenantId");
        rejected(400, () -> post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@a.example", "category": "SPACE"}""".formatted(unique("x"))),
                "category");
        rejected(400, () -> post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@a.example", "resourceSpace": {"type": "MOON"}}"""
                .formatted(unique("x"))));
    }

    @Test
    void updatesNeedTheCurrentETag() {
        String name = unique("locking");
        Response created = post("/api/v1/organizations",
                "{\"name\": \"" + name + "\", \"contactEmail\": \"ops@a.example\"}");
        String id = created.field("id");
        String update = "{\"name\": \"" + name + "-renamed\", \"contactEmail\": \"new@a.example\", \"category\": \"CLOUD\"}";

        rejected(428, () -> send("PUT", "/api/v1/organizations/" + id, update), "If-Match");
        rejected(412, () -> send("PUT", "/api/v1/organizations/" + id, update, "If-Match", "\"7\""), "\"1\"");
        rejected(412, () -> send("PUT", "/api/v1/organizations/" + id, update, "If-Match", "garbage"));
        assertThat(get("/api/v1/organizations/" + id).field("name")).isEqualTo(name);

        Response updated = as(Caller.platformAdmin("user:bob")).send("PUT", "/api/v1/organizations/" + id, update,
                "If-Match", created.etag());
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.etag()).isEqualTo("\"2\"");
        assertThat(updated.field("name")).isEqualTo(name + "-renamed");
        assertThat(updated.field("updatedAt")).isNotBlank();

        // a second writer with the old ETag loses
        rejected(412, () -> send("PUT", "/api/v1/organizations/" + id, update, "If-Match", created.etag()));

        JsonNode audit = get("/api/v1/audit?outcome=success&orgId=" + id + "&action=organization.update").json();
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("actor").asString()).isEqualTo("user:bob");
        assertThat(audit.get(0).path("before").path("name").asString()).isEqualTo(name);
        assertThat(audit.get(0).path("after").path("name").asString()).isEqualTo(name + "-renamed");

        // category change incompatible with the bound space
        String withSpace = post("/api/v1/organizations", """
                {"name": "%s", "contactEmail": "ops@a.example",
                 "resourceSpace": {"type": "TENANT", "tenantId": "%s", "projectId": "p"}}"""
                .formatted(unique("cat"), unique("t"))).field("id");
        rejected(409, () -> send("PUT", "/api/v1/organizations/" + withSpace,
                "{\"name\": \"" + unique("n") + "\", \"contactEmail\": \"a@b.example\", \"category\": \"OFF_CLOUD\"}",
                "If-Match", "\"1\""), "TENANT");
    }

    @Test
    void listsArePagedAndFiltered() {
        String prefix = unique("paged");
        for (int i = 0; i < 5; i++) {
            assertThat(post("/api/v1/organizations", "{\"name\": \"" + prefix + "-" + i
                    + "\", \"contactEmail\": \"ops@a.example\", \"category\": \"OFF_CLOUD\"}").status()).isEqualTo(201);
        }
        Response page0 = get("/api/v1/organizations?name=" + prefix + "&size=2");
        assertThat(page0.status()).isEqualTo(200);
        assertThat(page0.header("X-Total-Count")).isEqualTo("5");
        assertThat(names(page0)).containsExactly(prefix + "-0", prefix + "-1");
        assertThat(page0.header("Link")).contains("page=1").contains("rel=\"next\"").doesNotContain("prev");
        Response page2 = get("/api/v1/organizations?name=" + prefix + "&size=2&page=2");
        assertThat(names(page2)).containsExactly(prefix + "-4");
        assertThat(page2.header("Link")).contains("rel=\"prev\"").doesNotContain("next");
        assertThat(get("/api/v1/organizations?name=" + prefix + "&category=CLOUD").header("X-Total-Count"))
                .isEqualTo("0");
        assertThat(get("/api/v1/organizations?name=" + prefix.toUpperCase() + "&category=OFF_CLOUD")
                .header("X-Total-Count")).isEqualTo("5");

        rejected(400, () -> get("/api/v1/organizations?size=0"), "size");
        rejected(400, () -> get("/api/v1/organizations?size=1001"), "size");
        rejected(400, () -> get("/api/v1/organizations?page=-1"), "page");
        rejected(400, () -> get("/api/v1/organizations?category=MOON"), "category");
    }

    @Test
    void auditIsFilteredAndPaged() {
        String actor = "user:" + unique("auditor");
        String orgId = null;
        for (int i = 0; i < 3; i++) {
            // the actor is the caller the gateway vouches for; a client's own X-ChainWatch-Actor is ignored
            orgId = as(Caller.platformAdmin(actor)).send("POST", "/api/v1/organizations", "{\"name\": \""
                    + unique("audited") + "\", \"contactEmail\": \"ops@a.example\"}", "X-ChainWatch-Actor", "mallory")
                    .field("id");
        }
        Response all = get("/api/v1/audit?actor=" + actor + "&size=2");
        assertThat(all.header("X-Total-Count")).isEqualTo("3");
        assertThat(all.json()).hasSize(2);
        assertThat(all.json().get(0).path("orgId").asString()).as("newest first").isEqualTo(orgId);
        String at = all.json().get(0).path("at").asString();
        assertThat(get("/api/v1/audit?actor=" + actor + "&from=" + at).header("X-Total-Count")).isEqualTo("1");
        assertThat(get("/api/v1/audit?actor=" + actor + "&to=" + at).header("X-Total-Count")).isEqualTo("2");
        rejected(400, () -> get("/api/v1/audit?from=yesterday"), "from");
        assertThat(get("/api/v1/audit?actor=mallory").header("X-Total-Count")).isEqualTo("0");
        assertThat(all.json().get(0).path("actorOrgId").isNull()).as("a platform admin has no organization").isTrue();
    }

    private static List<String> names(Response list) {
        return list.json().valueStream().map(o -> o.path("name").asString()).toList();
    }

    private static String certificate() throws IOException {
        try (InputStream in = OrganizationIT.class.getResourceAsStream("/certs/node1.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
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
        for (String table : List.of("organization", "resource_space", "resource_space_node", "secret", "audit_log")) {
            counts.put(table, count(table));
        }
        counts.put("organization versions", jdbc.sql("select coalesce(sum(version), 0) from registry.organization")
                .query(Long.class).single());
        return counts;
    }
}
