package io.chainwatch.registry.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Quotas of an organization in the registry: defaults from configuration, a platform admin's overrides, usage in
 * the view, and a create over a limit refused with a 409 problem naming the quota, nothing written.
 */
class QuotaIT extends RegistryTestBase {

    @Test
    void overTheLimitIsA409NamingTheQuotaAndNothingIsWritten() {
        String org = createOrganization("quota");
        Response set = send("PUT", "/api/v1/quotas?orgId=" + org, "{\"chains\": 1, \"nodes\": 1, \"api-keys\": 1}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        String chain = createChain(org, "only");

        long chains = count("chain");
        Response second = post("/api/v1/chains", "{\"orgId\": \"" + org + "\", \"name\": \"second\", \"platform\": \"ETHEREUM\"}");
        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.json().path("quota").asString()).isEqualTo("chains");
        assertThat(second.json().path("limit").asLong()).isEqualTo(1);
        assertThat(count("chain")).isEqualTo(chains);

        String node = "{\"chainId\": \"" + chain + "\", \"name\": \"%s\", \"rpcUrl\": \"http://127.0.0.1:8545\","
                + " \"pollIntervalMs\": %d}";
        long nodes = count("node");
        Response fast = post("/api/v1/nodes", node.formatted("fast", 200));
        assertThat(fast.status()).as(fast.body()).isEqualTo(409);
        assertThat(fast.json().path("quota").asString()).isEqualTo("min-poll-interval-ms");
        assertThat(post("/api/v1/nodes", node.formatted("n1", 1000)).status()).isEqualTo(201);
        Response another = post("/api/v1/nodes", node.formatted("n2", 1000));
        assertThat(another.status()).as(another.body()).isEqualTo(409);
        assertThat(another.json().path("quota").asString()).isEqualTo("nodes");
        assertThat(count("node")).isEqualTo(nodes + 1);

        assertThat(post("/api/v1/organizations/" + org + "/api-keys", "{\"name\":\"k1\",\"role\":\"viewer\"}").status())
                .isEqualTo(201);
        Response key = post("/api/v1/organizations/" + org + "/api-keys", "{\"name\":\"k2\",\"role\":\"viewer\"}");
        assertThat(key.status()).as(key.body()).isEqualTo(409);
        assertThat(key.json().path("quota").asString()).isEqualTo("api-keys");

        // back to the default: room again
        assertThat(send("PUT", "/api/v1/quotas?orgId=" + org, "{\"chains\": null}").status()).isEqualTo(200);
        assertThat(post("/api/v1/chains", "{\"orgId\": \"" + org + "\", \"name\": \"second\", \"platform\": \"ETHEREUM\"}")
                .status()).isEqualTo(201);
    }

    @Test
    void membersSeeTheirLimitsAndUsageOnlyAPlatformAdminChangesThem() {
        String org = createOrganization("quota-view");
        String other = createOrganization("quota-other");
        createChain(org, "one");
        Caller orgAdmin = new Caller("user:admin-of-org", UUID.fromString(org), Role.ORG_ADMIN);

        Response view = as(orgAdmin).get("/api/v1/quotas?orgId=" + org);
        assertThat(view.status()).as(view.body()).isEqualTo(200);
        JsonNode chains = null;
        for (JsonNode quota : view.json()) {
            if (quota.path("name").asString().equals("chains")) {
                chains = quota;
            }
        }
        assertThat(chains).isNotNull();
        assertThat(chains.path("limit").asLong()).isEqualTo(50);
        assertThat(chains.path("used").asLong()).isEqualTo(1);
        assertThat(view.body()).contains("\"nodes\"", "\"min-poll-interval-ms\"", "\"api-keys\"");

        assertThat(as(orgAdmin).get("/api/v1/quotas?orgId=" + other).status()).isEqualTo(404);
        assertThat(as(orgAdmin).put("/api/v1/quotas?orgId=" + org, "{\"chains\": 1000}").status()).isEqualTo(403);
        assertThat(send("PUT", "/api/v1/quotas?orgId=" + org, "{\"bogus\": 1}").status()).isEqualTo(400);
        assertThat(send("PUT", "/api/v1/quotas?orgId=" + org, "{\"chains\": -1}").status()).isEqualTo(400);
        assertThat(send("PUT", "/api/v1/quotas?orgId=" + UUID.randomUUID(), "{\"chains\": 1}").status()).isEqualTo(404);
    }
}
