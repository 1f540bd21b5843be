package io.chainwatch.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chainwatch.gateway.ChainwatchGatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * A development token issuer built into the gateway, so that a new user of the local stack can sign in as a person:
 * {@code POST /dev-issuer/token} with {@code {"username","password"}} of a user configured in
 * {@code chainwatch.gateway.dev-issuer.users} returns a signed JWT; its keys and OIDC metadata are published like a
 * real issuer's. Off unless {@code chainwatch.gateway.dev-issuer.enabled=true}; never for production, where the
 * gateway trusts an external OIDC issuer instead ({@code chainwatch.gateway.jwt.issuer-uri}). The signing key is
 * made at start and lives only in memory. Failed sign-ins are throttled per source address and per user name
 * ({@link FailedSignIns}: 429 with {@code Retry-After}).
 */
@Configuration
@ConditionalOnProperty(name = "chainwatch.gateway.dev-issuer.enabled", havingValue = "true")
public class DevIssuer {

    private static final Logger log = LoggerFactory.getLogger(DevIssuer.class);

    private final ChainwatchGatewayProperties.DevIssuer settings;
    private final RSAKey key;
    private final FailedSignIns failedSignIns;
    /** Kind of failed attempt counted by {@link FailedSignIns}. */
    static final String SIGN_IN = "sign-in";

    public DevIssuer(ChainwatchGatewayProperties properties, FailedSignIns failedSignIns) throws JOSEException {
        this.failedSignIns = failedSignIns;
        this.settings = properties.devIssuer();
        if (settings.issuer() == null || settings.issuer().isBlank()) {
            throw new IllegalStateException("chainwatch.gateway.dev-issuer.issuer must be the issuer's public URL");
        }
        this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        log.warn("The DEVELOPMENT token issuer is on ({} users): for the local stack only, never in production",
                settings.users().size());
    }

    public String issuer() {
        return settings.issuer();
    }

    RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Bean
    RouterFunction<ServerResponse> devIssuerRoutes() {
        return RouterFunctions.route()
                .GET("/dev-issuer/.well-known/openid-configuration", r -> ServerResponse.ok().bodyValue(Map.of(
                        "issuer", settings.issuer(),
                        "jwks_uri", settings.issuer() + "/jwks",
                        "token_endpoint", settings.issuer() + "/token",
                        "id_token_signing_alg_values_supported", List.of("RS256"),
                        "subject_types_supported", List.of("public"),
                        "response_types_supported", List.of("token"))))
                .GET("/dev-issuer/jwks", r -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(new JWKSet(key.toPublicJWK()).toJSONObject()))
                .POST("/dev-issuer/token", this::token)
                .build();
    }

    private Mono<ServerResponse> token(ServerRequest request) {
        String source = request.remoteAddress().map(a -> a.getAddress() == null ? "unknown"
                : a.getAddress().getHostAddress()).orElse("unknown");
        return request.bodyToMono(Login.class)
                .flatMap(login -> {
                    String user = login.username() == null ? null : login.username().strip();
                    FailedSignIns.Throttled throttled = failedSignIns.check(SIGN_IN, source, user);
                    if (throttled != null) {
                        return ServerResponse.status(429).header("Retry-After",
                                        Long.toString(throttled.retryAfterSeconds()))
                                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                .bodyValue(Map.of("type", "about:blank", "title", "Too Many Requests", "status", 429,
                                        "detail", "Too many failed sign-ins from this address or for this user;"
                                                + " retry after " + throttled.retryAfterSeconds() + " s.",
                                        "retryAfterSeconds", throttled.retryAfterSeconds()));
                    }
                    return settings.users().stream()
                        .filter(u -> u.username().equals(login.username()) && matches(u.password(), login.password()))
                        .findFirst()
                        .map(found -> ServerResponse.ok().bodyValue(Map.of(
                                "access_token", sign(found), "token_type", "Bearer",
                                "expires_in", settings.tokenTtl().toSeconds())))
                        .orElseGet(() -> {
                            failedSignIns.failed(SIGN_IN, source, user);
                            return ServerResponse.status(401).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                .bodyValue(Map.of("type", "about:blank", "title", "Unauthorized", "status", 401,
                                        "detail", "Unknown user or wrong password."));
                        });
                })
                .switchIfEmpty(ServerResponse.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .bodyValue(Map.of("type", "about:blank", "title", "Bad Request", "status", 400,
                                "detail", "Send {\"username\": ..., \"password\": ...}.")));
    }

    private String sign(ChainwatchGatewayProperties.DevUser user) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(user.username())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.tokenTtl())))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", user.roles());
        if (user.org() != null && !user.org().isBlank()) {
            claims.claim("org", user.org());
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    private static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** The token request. */
    record Login(String username, String password) {
    }
}
