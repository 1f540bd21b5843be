package io.chainwatch.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider on a real port, signed into as a browser does (authorization code + PKCE, the sign-in form with its
 * CSRF token): the tokens carry the claims the gateway reads and are signed with the published keys; a person added
 * to the users file can sign in without a restart; repeated failures are answered 429 with Retry-After.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class IdentityProviderIT {

    static final int PORT = freePort();
    static final String ISSUER = "http://127.0.0.1:" + PORT;
    static final String CALLBACK = "http://127.0.0.1:18080/auth/callback";
    static final String ORG = UUID.randomUUID().toString();
    static final Path USERS_FILE = tempFile();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("chainwatch.identity.issuer", () -> ISSUER);
        registry.add("chainwatch.identity.console.redirect-uris", () -> CALLBACK);
        registry.add("chainwatch.identity.cors-origins", () -> "http://127.0.0.1:18080");
        registry.add("chainwatch.identity.users[0].username", () -> "olga");
        registry.add("chainwatch.identity.users[0].password", () -> "olga-secret");
        registry.add("chainwatch.identity.users[0].org", () -> ORG);
        registry.add("chainwatch.identity.users[0].roles", () -> "org-admin");
        registry.add("chainwatch.identity.users[1].username", () -> "mallory");
        registry.add("chainwatch.identity.users[1].password", () -> "right-one");
        registry.add("chainwatch.identity.users[1].roles", () -> "viewer");
        registry.add("chainwatch.identity.users[1].org", () -> ORG);
        registry.add("chainwatch.identity.users-file", USERS_FILE::toString);
        registry.add("chainwatch.identity.throttle.max-failures-per-user", () -> 3);
        registry.add("chainwatch.identity.throttle.max-failures-per-source", () -> 100);
        registry.add("chainwatch.identity.throttle.window", () -> "10m");
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void discoveryNamesTheIssuerAndItsEndpoints() throws Exception {
        JsonNode metadata = json.readTree(get("/.well-known/openid-configuration").body());
        assertThat(metadata.get("issuer").asText()).isEqualTo(ISSUER);
        assertThat(metadata.get("authorization_endpoint").asText()).isEqualTo(ISSUER + "/oauth2/authorize");
        assertThat(metadata.get("token_endpoint").asText()).isEqualTo(ISSUER + "/oauth2/token");
        assertThat(metadata.get("jwks_uri").asText()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(metadata.get("end_session_endpoint").asText()).isEqualTo(ISSUER + "/connect/logout");
        assertThat(metadata.get("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void aPersonSignsInWithCodeAndPkceAndGetsRolesAndOrganizationInASignedToken() throws Exception {
        OidcSignIn.Result result = new OidcSignIn(ISSUER, "chainwatch-console", CALLBACK).signIn("olga", "olga-secret");
        JsonNode tokens = json.readTree(result.tokenBody());
        SignedJWT access = SignedJWT.parse(tokens.get("access_token").asText());
        assertThat(access.getJWTClaimsSet().getIssuer()).isEqualTo(ISSUER);
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo("olga");
        assertThat(access.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("org-admin");
        assertThat(access.getJWTClaimsSet().getStringClaim("org")).isEqualTo(ORG);
        RSAKey key = (RSAKey) JWKSet.parse(get("/oauth2/jwks").body()).getKeyByKeyId(access.getHeader().getKeyID());
        JWSVerifier verifier = new RSASSAVerifier(key);
        assertThat(access.verify(verifier)).isTrue();
        SignedJWT id = SignedJWT.parse(tokens.get("id_token").asText());
        assertThat(id.getJWTClaimsSet().getAudience()).containsExactly("chainwatch-console");
        assertThat(id.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("org-admin");
    }

    @Test
    void withoutPkceNoCodeIsIssued() throws Exception {
        HttpResponse<String> authorize = get("/oauth2/authorize?response_type=code&client_id=chainwatch-console"
                + "&redirect_uri=" + java.net.URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8) + "&scope=openid");
        // a public client without code_challenge is refused (the error goes back to the client), never sent to sign in
        assertThat(authorize.headers().firstValue("Location").orElse("")).doesNotContain("/login")
                .doesNotContain("code=");
    }

    @Test
    void aPersonAddedToTheUsersFileSignsInWithoutARestart() throws Exception {
        String org = UUID.randomUUID().toString();
        Files.writeString(USERS_FILE, "[{\"username\":\"vera\",\"password\":\"vera-pw\",\"org\":\"" + org
                + "\",\"roles\":[\"viewer\"]}]");
        OidcSignIn.Result result = new OidcSignIn(ISSUER, "chainwatch-console", CALLBACK).signIn("vera", "vera-pw");
        SignedJWT access = SignedJWT.parse(json.readTree(result.tokenBody()).get("access_token").asText());
        assertThat(access.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("viewer");
        assertThat(access.getJWTClaimsSet().getStringClaim("org")).isEqualTo(org);
    }

    @Test
    void repeatedFailedSignInsAreAnswered429WithRetryAfterEvenWithTheRightPassword() throws Exception {
        OidcSignIn signIn = new OidcSignIn(ISSUER, "chainwatch-console", CALLBACK);
        for (int i = 0; i < 3; i++) {
            OidcSignIn.Result wrong = signIn.signIn("mallory", "guess-" + i);
            assertThat(wrong.loginStatus()).isEqualTo(302);
            assertThat(wrong.login().headers().firstValue("Location").orElse("")).contains("/login?error");
        }
        OidcSignIn.Result blocked = signIn.signIn("mallory", "right-one");
        assertThat(blocked.loginStatus()).isEqualTo(429);
        long retryAfter = Long.parseLong(blocked.login().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 600L);
        assertThat(blocked.tokenBody()).isNull();
        // another user from the same source is not affected by mallory's block
        assertThat(new OidcSignIn(ISSUER, "chainwatch-console", CALLBACK).signIn("olga", "olga-secret").tokenBody())
                .contains("access_token");
    }

    @Test
    void theConsolesOriginMayCallTheTokenEndpointFromTheBrowser() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(ISSUER + "/oauth2/token"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://127.0.0.1:18080").header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("http://127.0.0.1:18080");
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(ISSUER + "/oauth2/token"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example").header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(ISSUER + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempFile() {
        try {
            Path dir = Files.createTempDirectory("identity-users");
            return dir.resolve("users.json");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unused")
    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unused")
    private static final List<Map<String, String>> NONE = List.of();
}
