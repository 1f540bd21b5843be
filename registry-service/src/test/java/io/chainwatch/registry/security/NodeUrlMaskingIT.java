package io.chainwatch.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
import org.junit.jupiter.api.Test;

/**
 * A provider's API key inside a node's URL (path or query; a user name or password in the URL is refused outright)
 * is shown to org admins only; viewers and operators see it masked.
 */
class NodeUrlMaskingIT extends RegistryTestBase {

    private static final String KEY = "9aa3d95b3bc440fa88ea12eaa4456161";

    @Test
    void apiKeysInNodeUrlsAreMaskedBelowOrgAdmin() {
        String org = createOrganization("mask");
        String chain = createChain(org, "masked");
        Response created = post("/api/v1/nodes", "{\"chainId\": \"" + chain + "\", \"name\": \"infura\","
                + " \"rpcUrl\": \"http://127.0.0.1:8545/v3/" + KEY + "?apikey=abc123\","
                + " \"metricsUrl\": \"http://127.0.0.1:9100/metrics?token=t0ken\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String node = created.field("id");
        UUID orgId = UUID.fromString(org);

        for (Role role : new Role[] {Role.VIEWER, Role.OPERATOR}) {
            Client member = as(new Caller("user:" + role, orgId, role));
            for (Response response : new Response[] {member.get("/api/v1/nodes/" + node),
                    member.get("/api/v1/nodes?chainId=" + chain)}) {
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).as(role.toString()).doesNotContain(KEY, "abc123", "t0ken")
                        .contains("127.0.0.1:8545/v3/***", "apikey=***", "token=***");
            }
        }
        Response admin = as(new Caller("user:admin", orgId, Role.ORG_ADMIN)).get("/api/v1/nodes/" + node);
        assertThat(admin.body()).contains(KEY, "apikey=abc123");
    }
}
