package io.chainwatch.registry.security;

import java.security.interfaces.ECPrivateKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.security.Caller;
import io.chainwatch.security.InternalKeys;
import io.chainwatch.security.InternalTokenIssuer;
import io.chainwatch.testkit.TestCallers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only the gateway's signed internal token gets a request in: without one, with one signed by another key, for
 * another service or malformed, the answer is 401 and nothing is written. A client's own {@code X-ChainWatch-Actor}
 * is not believed.
 */
class CallerAuthenticationIT extends RegistryTestBase {

    @Test
    void requestsWithoutAValidInternalTokenAreRefusedAndWriteNothing() {
        String orgId = createOrganization("auth");
        String forged = new InternalTokenIssuer((ECPrivateKey) InternalKeys.generate().getPrivate())
                .issue(Caller.platformAdmin("user:forger"), SERVICE);
        String otherService = TestCallers.token(Caller.platformAdmin("user:test-admin"), "alert-service");
        Map<String, Long> before = counts();
        for (Client client : List.of(withToken(null), withToken(forged), withToken(otherService),
                withToken("not-a-jwt"), withToken(""))) {
            for (String[] request : List.of(
                    new String[] {"GET", "/api/v1/organizations", null},
                    new String[] {"GET", "/api/v1/organizations/" + orgId, null},
                    new String[] {"POST", "/api/v1/organizations", "{\"name\": \"" + unique("forged")
                            + "\", \"contactEmail\": \"x@y.example\"}"},
                    new String[] {"POST", "/api/v1/chains", "{\"orgId\": \"" + orgId
                            + "\", \"name\": \"forged\", \"platform\": \"ETHEREUM\"}"},
                    new String[] {"POST", "/api/v1/organizations/" + orgId + "/api-keys",
                            "{\"name\": \"forged\", \"role\": \"org-admin\"}"},
                    new String[] {"POST", "/internal/api-keys/verify", "{\"key\": \"cw_x\"}"})) {
                Response response = client.send(request[0], request[1], request[2]);
                assertThat(response.status()).as(request[0] + " " + request[1] + ": " + response.body())
                        .isEqualTo(401);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.header("WWW-Authenticate")).isNotNull();
            }
        }
        assertThat(counts()).isEqualTo(before);
        // health for the orchestrator: on the management port, without a token
        assertThat(management("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void theActorIsTheCallerNotAHeader() {
        Response created = as(Caller.platformAdmin("user:real-admin")).send("POST", "/api/v1/organizations",
                "{\"name\": \"" + unique("actor") + "\", \"contactEmail\": \"x@y.example\"}",
                "X-ChainWatch-Actor", "someone-else");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Response audit = get("/api/v1/audit?outcome=success&resourceType=organization&resourceId=" + created.field("id"));
        assertThat(audit.json().get(0).path("actor").asString()).isEqualTo("user:real-admin");
        assertThat(get("/api/v1/audit?actor=someone-else").header("X-Total-Count")).isEqualTo("0");
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("organization", "chain", "api_key", "audit_log", "outbox", "task")) {
            counts.put(table, count(table));
        }
        return counts;
    }
}
