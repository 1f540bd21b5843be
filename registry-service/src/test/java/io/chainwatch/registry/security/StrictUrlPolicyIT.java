package io.chainwatch.registry.security;

import java.util.LinkedHashMap;
import java.util.Map;

import io.chainwatch.registry.support.RegistryTestBase;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production URL policy (public addresses only): node URLs (RPC, websocket, metrics), the Fabric peer's host and
 * a platform's base URL that point to loopback, private or link-local addresses are refused with a 400 problem
 * naming the field, on create and on update, and nothing is stored. Host names resolve through the tests' resolver
 * ({@code *.example.org} public, {@code *.internal.example} private, {@code metadata.example} link-local).
 */
@TestPropertySource(properties = "chainwatch.security.urls.allow-loopback=false")
class StrictUrlPolicyIT extends RegistryTestBase {

    @Test
    void nodeAndPlatformUrlsMustBePublic() {
        String orgId = createOrganization("strict");
        String chainId = createChain(orgId, "chain");
        String fabricChain = post("/api/v1/chains", "{\"orgId\": \"" + orgId
                + "\", \"name\": \"fab\", \"platform\": \"FABRIC\"}").field("id");
        Map<String, Long> before = counts();

        refused(node(chainId, "http://127.0.0.1:8545", null), "rpcUrl", "loopback");
        refused(node(chainId, "ws://[::1]:8546", null), "rpcUrl", "loopback");
        refused(node(chainId, "wss://node.internal.example/ws", null), "rpcUrl", "private");
        refused(node(chainId, "http://10.1.2.3:8545", null), "rpcUrl", "private");
        refused(node(chainId, "http://169.254.169.254/latest/meta-data/", null), "rpcUrl", "link-local");
        refused(node(chainId, "http://metadata.example/", null), "rpcUrl", "link-local");
        refused(node(chainId, "http://rpc.example.org:8545", "http://192.168.1.10:9100/metrics"), "metricsUrl",
                "private");
        refused(post("/api/v1/nodes", "{\"chainId\": \"" + fabricChain + "\", \"name\": \"peer\", \"rpcUrl\":"
                + " \"http://peer.example.org:9443\", \"fabric\": {\"mspId\": \"Org1MSP\", \"channels\": [\"ch\"],"
                + " \"peerEndpoint\": \"peer0.internal.example:7051\"}}"), "fabric.peerEndpoint", "private");
        refused(post("/api/v1/platforms", """
                {"orgId": "%s", "name": "baas", "baseUrl": "http://127.0.0.1:8080/api", "openApi": "x",
                 "template": {"operations": {}}}""".formatted(orgId)), "baseUrl", "loopback");
        refused(post("/api/v1/platforms", """
                {"orgId": "%s", "name": "baas", "baseUrl": "https://metadata.example/", "openApi": "x",
                 "template": {"operations": {}}}""".formatted(orgId)), "baseUrl", "link-local");
        assertThat(counts()).as("nothing stored").isEqualTo(before);

        // public ones are fine; an update to a loopback URL is refused like a create
        Response node = node(chainId, "wss://rpc.example.org/ws", "https://rpc.example.org/metrics");
        assertThat(node.status()).as(node.body()).isEqualTo(201);
        Response update = send("PUT", "/api/v1/nodes/" + node.field("id"),
                "{\"name\": \"n\", \"rpcUrl\": \"http://localhost:8545\"}", "If-Match", node.etag());
        refused(update, "rpcUrl", "loopback");
        assertThat(get("/api/v1/nodes/" + node.field("id")).etag()).isEqualTo("\"1\"");
    }

    private Response node(String chainId, String rpcUrl, String metricsUrl) {
        return post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"" + unique("n")
                + "\", \"rpcUrl\": \"" + rpcUrl + "\"" + (metricsUrl == null ? "" : ", \"metricsUrl\": \"" + metricsUrl
                + "\"") + "}");
    }

    private static void refused(Response response, String field, String reason) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("field").asString()).isEqualTo(field);
        assertThat(response.json().path("detail").asString()).contains(field, reason);
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : new String[] {"node", "platform", "outbox", "secret", "task"}) {
            counts.put(table, count(table));
        }
        return counts;
    }
}
