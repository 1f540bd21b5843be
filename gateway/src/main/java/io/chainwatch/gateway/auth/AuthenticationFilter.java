package io.chainwatch.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import io.chainwatch.gateway.ChainwatchGatewayProperties;
import io.chainwatch.gateway.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every {@code /api/} request must carry either an API key in the {@code X-API-Key} header (business servers) or a
 * bearer token in {@code Authorization} (people: a JWT from the configured OIDC issuer, or from the development
 * issuer of the local stack). Otherwise: 401 with an RFC 9457 problem. Credentials are removed before the request
 * goes downstream.
 */
@Component
public class AuthenticationFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-API-Key";

    /** Exchange attribute naming the authenticated caller (a fingerprint of its key, never the key itself). */
    public static final String CALLER_ATTRIBUTE = "chainwatch.caller";

    /** Exchange attribute: the JWT of a person, when the caller authenticated with a bearer token. */
    public static final String JWT_ATTRIBUTE = "chainwatch.jwt";

    private final List<byte[]> keys;
    private final BearerTokens bearerTokens;

    public AuthenticationFilter(ChainwatchGatewayProperties properties, BearerTokens bearerTokens) {
        if (properties.apiKeys().isEmpty() && !bearerTokens.enabled()) {
            throw new IllegalStateException("neither chainwatch.gateway.api-keys nor a JWT issuer is configured:"
                    + " no caller could use the API");
        }
        this.keys = properties.apiKeys().stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
        this.bearerTokens = bearerTokens;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!request.getPath().value().startsWith("/api/") || CorsUtils.isPreFlightRequest(request)) {
            return chain.filter(exchange); // a browser's CORS preflight carries no credentials by design
        }
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer(exchange, chain, authorization.substring(7).trim());
        }
        String presented = request.getHeaders().getFirst(HEADER);
        if (presented == null || presented.isBlank()) {
            return unauthorized(exchange, "Missing API key or bearer token: send an API key in the " + HEADER
                    + " header, or a token in Authorization: Bearer.");
        }
        if (!isKnown(presented)) {
            return unauthorized(exchange, "The API key is not valid.");
        }
        exchange.getAttributes().put(CALLER_ATTRIBUTE, "key:" + fingerprint(presented));
        ServerHttpRequest stripped = request.mutate().headers(h -> h.remove(HEADER)).build();
        return chain.filter(exchange.mutate().request(stripped).build());
    }

    private Mono<Void> bearer(ServerWebExchange exchange, WebFilterChain chain, String token) {
        if (!bearerTokens.enabled()) {
            return unauthorized(exchange, "Bearer tokens are not accepted here: no token issuer is configured.");
        }
        return bearerTokens.decode(token)
                .flatMap(jwt -> {
                    exchange.getAttributes().put(CALLER_ATTRIBUTE, "user:" + jwt.getSubject());
                    exchange.getAttributes().put(JWT_ATTRIBUTE, jwt);
                    ServerHttpRequest stripped = exchange.getRequest().mutate()
                            .headers(h -> h.remove(HttpHeaders.AUTHORIZATION)).build();
                    return chain.filter(exchange.mutate().request(stripped).build());
                })
                .onErrorResume(JwtException.class, e -> unauthorized(exchange, "The bearer token is not valid: "
                        + e.getMessage()));
    }

    private boolean isKnown(String presented) {
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        boolean known = false;
        for (byte[] key : keys) {
            known |= MessageDigest.isEqual(key, candidate); // constant time, and every key is compared
        }
        return known;
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer, ApiKey header=\"" + HEADER + "\"");
        return Problems.write(exchange, HttpStatus.UNAUTHORIZED, detail);
    }

    private static String fingerprint(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
