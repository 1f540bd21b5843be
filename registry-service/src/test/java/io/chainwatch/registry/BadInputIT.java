package io.chainwatch.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.chainwatch.registry.support.RegistryTestBase;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input gets a 4xx {@code application/problem+json} answer that says what is wrong, and writes nothing:
 * the organization, chain, node and outbox row counts stay as they were.
 */
class BadInputIT extends RegistryTestBase {

    private String orgId;
    private String chainId;

    @BeforeEach
    void parents() {
        orgId = createOrganization("bad-input");
        chainId = createChain(orgId, "chain");
    }

    // --- missing fields and failed validation -------------------------------------------------------------

    @Test
    void organizationWithoutFields() {
        Response problem = rejected(400, () -> post("/api/v1/organizations", "{}"), "name", "contactEmail");
        assertThat(errorFields(problem)).containsExactly("contactEmail", "name");
    }

    @Test
    void organizationWithInvalidEmailAndBlankName() {
        Response problem = rejected(400,
                () -> post("/api/v1/organizations", "{\"name\": \"  \", \"contactEmail\": \"not-an-email\"}"),
                "contactEmail", "name");
        assertThat(errorFields(problem)).containsExactly("contactEmail", "name");
    }

    @Test
    void organizationNameTooLongOrWithControlCharacters() {
        rejected(400, () -> post("/api/v1/organizations",
                "{\"name\": \"" + "x".repeat(101) + "\", \"contactEmail\": \"a@b.example\"}"), "name", "size");
        rejected(400, () -> post("/api/v1/organizations",
                "{\"name\": \"bad\\u0000name\", \"contactEmail\": \"a@b.example\"}"), "name", "control characters");
    }

    @Test
    void chainWithoutFields() {
        Response problem = rejected(400, () -> post("/api/v1/chains", "{}"), "name", "platform");
        assertThat(errorFields(problem)).containsExactly("name", "platform");
        // a member's chain is its organization's; a platform admin (these tests' caller) must name one
        rejected(400, () -> post("/api/v1/chains", "{\"name\": \"c\", \"platform\": \"ETHEREUM\"}"), "orgId");
    }

    @Test
    void chainWithUnknownPlatform() {
        Response problem = rejected(400, () -> post("/api/v1/chains",
                "{\"orgId\": \"" + orgId + "\", \"name\": \"c\", \"platform\": \"BITCOIN\"}"),
                "platform", "BITCOIN", "ETHEREUM, FABRIC");
        assertThat(errorFields(problem)).containsExactly("platform");
    }

    @Test
    void chainWithMalformedOrgId() {
        rejected(400, () -> post("/api/v1/chains",
                "{\"orgId\": \"not-a-uuid\", \"name\": \"c\", \"platform\": \"ETHEREUM\"}"), "orgId", "UUID");
    }

    @Test
    void nodeWithoutFields() {
        Response problem = rejected(400, () -> post("/api/v1/nodes", "{}"), "chainId", "name", "rpcUrl");
        assertThat(errorFields(problem)).containsExactly("chainId", "name", "rpcUrl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "ftp://x", "http://", "127.0.0.1:8545", "localhost:8545", "http:///path",
            "http://host:99999", "mailto:ops@acme.example", "//127.0.0.1:8545", "http://exa mple.org"})
    void nodeWithMalformedRpcUrl(String rpcUrl) {
        Response problem = rejected(400, () -> post("/api/v1/nodes", "{\"chainId\": \"" + chainId
                + "\", \"name\": \"n\", \"rpcUrl\": \"" + rpcUrl + "\"}"), "rpcUrl");
        assertThat(errorFields(problem)).containsOnly("rpcUrl");
        assertThat(problem.json().path("detail").asString())
                .containsAnyOf("must name a host", "must use the scheme", "not a valid URL", "must be an absolute URL",
                        "must have a port");
    }

    @Test
    void nodeWithPollIntervalOutOfRange() {
        rejected(400, () -> node("\"pollIntervalMs\": 199"), "pollIntervalMs", "200");
        rejected(400, () -> node("\"pollIntervalMs\": 3600001"), "pollIntervalMs", "3600000");
        rejected(400, () -> node("\"pollIntervalMs\": -1"), "pollIntervalMs");
    }

    // --- wrong types and malformed JSON -------------------------------------------------------------------

    @Test
    void nodeWithNonNumericPollInterval() {
        Response problem = rejected(400, () -> node("\"pollIntervalMs\": \"abc\""), "pollIntervalMs", "abc",
                "integer");
        assertThat(errorFields(problem)).containsExactly("pollIntervalMs");
    }

    @Test
    void nodeWithPollIntervalOfTheWrongJsonType() {
        rejected(400, () -> node("\"pollIntervalMs\": {\"ms\": 1000}"), "pollIntervalMs");
        rejected(400, () -> node("\"pollIntervalMs\": 1e30"), "pollIntervalMs");
        rejected(400, () -> node("\"pollIntervalMs\": 99999999999999999999999"), "pollIntervalMs", "out of range");
        rejected(400, () -> node("\"pollIntervalMs\": 1500.5"), "pollIntervalMs");
        rejected(400, () -> node("\"pollIntervalMs\": true"), "pollIntervalMs");
    }

    @Test
    void malformedJson() {
        rejected(400, () -> post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": "), "JSON");
        rejected(400, () -> post("/api/v1/organizations", "{name: acme}"), "JSON");
        rejected(400, () -> post("/api/v1/chains", "not json at all"), "JSON");
    }

    @Test
    void bodyThatIsNotAnObjectOrIsMissing() {
        rejected(400, () -> post("/api/v1/organizations", "[]"), "JSON object");
        rejected(400, () -> post("/api/v1/organizations", "\"acme\""), "JSON object");
        rejected(400, () -> post("/api/v1/organizations", ""), "missing");
        rejected(400, () -> post("/api/v1/organizations", "null"), "missing");
    }

    @Test
    void bodyThatIsNotJson() {
        rejected(415, () -> post("/api/v1/organizations", "text/plain", "name=acme"), "text/plain");
    }

    // --- malformed and unknown ids ------------------------------------------------------------------------

    @Test
    void malformedIdInPathOrQuery() {
        rejected(400, () -> get("/api/v1/organizations/not-a-uuid"), "not-a-uuid", "id", "UUID");
        rejected(400, () -> get("/api/v1/chains/123"), "123", "UUID");
        rejected(400, () -> get("/api/v1/nodes/xyz"), "xyz", "UUID");
        rejected(400, () -> delete("/api/v1/nodes/xyz"), "xyz", "UUID");
        rejected(400, () -> get("/api/v1/chains?orgId=zzz"), "orgId", "UUID");
        rejected(400, () -> get("/api/v1/nodes?chainId=zzz"), "chainId", "UUID");
    }

    @Test
    void unknownIdInPathOrQuery() {
        String unknown = UUID.randomUUID().toString();
        rejected(404, () -> get("/api/v1/organizations/" + unknown), "organization", unknown);
        rejected(404, () -> get("/api/v1/chains/" + unknown), "chain", unknown);
        rejected(404, () -> get("/api/v1/nodes/" + unknown), "node", unknown);
        rejected(404, () -> delete("/api/v1/nodes/" + unknown), "node", unknown);
        rejected(404, () -> get("/api/v1/chains?orgId=" + unknown), "organization", unknown);
        rejected(404, () -> get("/api/v1/nodes?chainId=" + unknown), "chain", unknown);
    }

    @Test
    void unknownIdReferencedInBody() {
        String unknown = UUID.randomUUID().toString();
        rejected(404, () -> post("/api/v1/chains",
                "{\"orgId\": \"" + unknown + "\", \"name\": \"c\", \"platform\": \"FABRIC\"}"), "organization", unknown);
        rejected(404, () -> post("/api/v1/nodes",
                "{\"chainId\": \"" + unknown + "\", \"name\": \"n\", \"rpcUrl\": \"http://127.0.0.1:8545\"}"),
                "chain", unknown);
    }

    @Test
    void unknownPathAndWrongMethod() {
        rejected(404, () -> get("/api/v1/nothing-here"));
        rejected(405, () -> send("PATCH", "/api/v1/organizations/" + orgId, "{}"));
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** A node request for the test's chain with valid name and URL plus the given extra JSON member. */
    private Response node(String extraMember) {
        return post("/api/v1/nodes", "{\"chainId\": \"" + chainId
                + "\", \"name\": \"n\", \"rpcUrl\": \"http://127.0.0.1:8545\", " + extraMember + "}");
    }

    private Response rejected(int status, Supplier<Response> request, String... detailFragments) {
        Map<String, Long> before = counts();
        Response response = request.get();
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).as(response.body()).isNotBlank();
        for (String fragment : detailFragments) {
            assertThat(problem.path("detail").asString()).as(response.body()).contains(fragment);
        }
        assertThat(counts()).as("rows after a rejected request").isEqualTo(before);
        return response;
    }

    private static List<String> errorFields(Response problem) {
        return problem.json().path("errors").valueStream().map(error -> error.path("field").asString())
                .distinct().toList();
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("organization", "chain", "node", "outbox")) {
            counts.put(table, count(table));
        }
        return counts;
    }
}
