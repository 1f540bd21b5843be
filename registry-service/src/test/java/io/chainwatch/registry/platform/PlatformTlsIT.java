package io.chainwatch.registry.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.chainwatch.registry.support.RegistryTestBase;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A platform behind mutual TLS: the registry presents the client certificate given at registration (its key stored
 * encrypted) and trusts the platform's CA; without a client certificate, or with a bad key, registration fails.
 */
class PlatformTlsIT extends RegistryTestBase {

    private FakeBaasServer baas;
    private String orgId;

    @BeforeEach
    void server() throws IOException {
        baas = new FakeBaasServer(TlsMaterial.context(pem("server.pem"), pem("server.key"), pem("ca.pem")));
        orgId = createOrganization("mtls");
    }

    @AfterEach
    void stop() {
        baas.close();
    }

    @Test
    void theClientCertificateOpensThePlatform() throws IOException {
        String auth = "{\"type\": \"TLS_CLIENT_CERT\", \"certificate\": " + json.writeValueAsString(pem("client.pem"))
                + ", \"privateKey\": " + json.writeValueAsString(pem("client.key")) + "}";
        JsonNode platform = register(auth, true);
        assertThat(platform.path("status").asString()).as(platform.toString()).isEqualTo("ACTIVE");
        assertThat(platform.path("authType").asString()).isEqualTo("TLS_CLIENT_CERT");
        assertThat(platform.path("tlsClientCertificateSubject").asString()).contains("CN=chainwatch-registry");
        assertThat(platform.path("tlsPrivateKey").path("set").asBoolean()).isTrue();
        assertThat(platform.toString()).doesNotContain("PRIVATE KEY");
        Response summary = post("/api/v1/platforms/" + platform.path("id").asString() + "/operations/ledgerSummary",
                "{\"inputs\": {\"chainId\": \"L9\"}}");
        assertThat(summary.status()).as(summary.body()).isEqualTo(200);
        assertThat(summary.json().path("result").path("blockHeight").asLong()).isEqualTo(42);
        assertThat(baas.seen).filteredOn(seen -> seen.pathAndQuery().startsWith("/mgmt/ledgers/L9"))
                .singleElement().matches(FakeBaasServer.Seen::authenticated);
    }

    @Test
    void withoutAClientCertificateOrTheCaTheProbeFails() throws IOException {
        JsonNode noCertificate = register(null, true);
        assertThat(noCertificate.path("status").asString()).isEqualTo("REJECTED");
        assertThat(noCertificate.path("reason").asString()).contains("health call");

        String auth = "{\"type\": \"TLS_CLIENT_CERT\", \"certificate\": " + json.writeValueAsString(pem("client.pem"))
                + ", \"privateKey\": " + json.writeValueAsString(pem("client.key")) + "}";
        JsonNode untrusted = register(auth, false);
        assertThat(untrusted.path("status").asString()).as("the server's CA is not in the JDK's trust store")
                .isEqualTo("REJECTED");

        Response badKey = post("/api/v1/platforms", "{\"orgId\": \"" + orgId + "\", \"name\": \"" + unique("bad")
                + "\", \"baseUrl\": \"" + baas.baseUrl() + "\", \"auth\": {\"type\": \"TLS_CLIENT_CERT\", "
                + "\"certificate\": " + json.writeValueAsString(pem("client.pem")) + ", \"privateKey\": \"nope\"}, "
                + "\"openApi\": \"x\", \"template\": {}}");
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.json().path("detail").asString()).contains("PKCS#8");
    }

    private JsonNode register(String auth, boolean trustCa) throws IOException {
        Response submitted = post("/api/v1/platforms", "{\"orgId\": \"" + orgId + "\", \"name\": \"" + unique("mtls")
                + "\", \"baseUrl\": \"" + baas.baseUrl() + "\"" + (auth == null ? "" : ", \"auth\": " + auth)
                + (trustCa ? ", \"caCertificate\": " + json.writeValueAsString(pem("ca.pem")) : "")
                + ", \"openApi\": " + json.writeValueAsString(resource("/platform/baas-openapi.yaml"))
                + ", \"template\": " + resource("/platform/good-template.json") + "}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        awaitTask(submitted.field("taskId"));
        return get("/api/v1/platforms/" + submitted.field("platformId")).json();
    }

    private static String pem(String name) throws IOException {
        return resource("/platform/tls/" + name);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = PlatformTlsIT.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
