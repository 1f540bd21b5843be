package io.chainwatch.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.chainwatch.registry.support.RegistryTestBase;
import org.junit.jupiter.api.Test;

/**
 * Every error is an RFC 9457 JSON problem, also those Tomcat answers itself before Spring sees the request (a
 * {@code %00} in the path), and control characters anywhere in a request are a 400, nothing written.
 */
class ErrorPagesIT extends RegistryTestBase {

    @Test
    void aNulInThePathIsAProblemNotTomcatsHtmlPage() {
        for (String path : List.of("/api/v1/chains/%00", "/%00", "/api/v1/organizations/abc%00def/api-keys")) {
            Response response = get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
            assertThat(response.body()).as(path).contains("\"status\":400").doesNotContain("<html", "Tomcat");
        }
    }

    @Test
    void controlCharactersInPathQueryOrBodyAreA400AndNothingIsWritten() {
        String org = createOrganization("ctl");
        long chains = count("chain");
        for (Response response : List.of(
                post("/api/v1/chains", "{\"orgId\": \"" + org + "\", \"name\": \"a\\u0000b\", \"platform\": \"ETHEREUM\"}"),
                post("/api/v1/chains", "{\"orgId\": \"" + org + "\", \"name\": \"bell\\u0007\", \"platform\": \"ETHEREUM\"}"),
                get("/api/v1/chains?orgId=" + org + "%01"),
                get("/api/v1/organizations/" + org + "/fabric-identities/Org1%01MSP"))) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(count("chain")).isEqualTo(chains);
    }

    @Test
    void anUnknownValueOfAnEnumeratedListFilterIsA400() {
        for (String path : List.of("/api/v1/alliances?status=BOGUS", "/api/v1/platforms?status=active-ish",
                "/api/v1/tasks?status=NOPE")) {
            Response response = get(path);
            assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(get("/api/v1/alliances?status=ACTIVE").status()).isEqualTo(200);
    }
}
