package io.chainwatch.registry;

import io.chainwatch.registry.support.RegistryTestBase;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names are unique within their parent: organizations globally, chains within an organization, nodes within
 * a chain. A duplicate gets 409 and writes nothing; the same name under another parent is fine.
 */
class DuplicateNameIT extends RegistryTestBase {

    @Test
    void duplicateOrganizationName() {
        String name = unique("dup-org");
        String body = "{\"name\": \"" + name + "\", \"contactEmail\": \"ops@acme.example\"}";
        assertThat(post("/api/v1/organizations", body).status()).isEqualTo(201);
        long organizations = count("organization");

        Response duplicate = post("/api/v1/organizations", body);

        assertConflict(duplicate, name);
        assertThat(count("organization")).isEqualTo(organizations);
    }

    @Test
    void duplicateChainNameWithinOrganization() {
        String orgId = createOrganization("dup-chain");
        createChain(orgId, "mainnet");
        long chains = count("chain");

        Response duplicate = post("/api/v1/chains",
                "{\"orgId\": \"" + orgId + "\", \"name\": \"mainnet\", \"platform\": \"FABRIC\"}");

        assertConflict(duplicate, "mainnet");
        assertThat(count("chain")).isEqualTo(chains);
        createChain(createOrganization("other-org"), "mainnet");
    }

    @Test
    void duplicateNodeNameWithinChain() {
        String orgId = createOrganization("dup-node");
        String chainId = createChain(orgId, "mainnet");
        String otherChainId = createChain(orgId, "testnet");
        String node = "{\"chainId\": \"%s\", \"name\": \"rpc-1\", \"rpcUrl\": \"https://rpc.example.org\"}";
        assertThat(post("/api/v1/nodes", node.formatted(chainId)).status()).isEqualTo(201);
        long nodes = count("node");
        long outbox = count("outbox");

        Response duplicate = post("/api/v1/nodes", node.formatted(chainId));

        assertConflict(duplicate, "rpc-1");
        assertThat(count("node")).isEqualTo(nodes);
        assertThat(count("outbox")).as("no outbox row for a rejected node").isEqualTo(outbox);

        assertThat(post("/api/v1/nodes", node.formatted(otherChainId)).status()).isEqualTo(201);
        assertThat(count("outbox")).isEqualTo(outbox + 1);
    }

    private static void assertConflict(Response response, String name) {
        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(409);
        assertThat(response.json().path("detail").asString()).contains("'" + name + "'", "already");
    }
}
