package io.chainwatch.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import io.chainwatch.gateway.ChainwatchGatewayProperties;
import io.chainwatch.gateway.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Requires a configured API key in the {@code X-API-Key} header on every {@code /api/} request and answers
 * 401 with an RFC 9457 problem otherwise. The key is removed before the request goes downstream.
 */
@Component
public class ApiKeyFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-API-Key";

    /** Exchange attribute naming the authenticated caller (a fingerprint of its key, never the key itself). */
    public static final String CALLER_ATTRIBUTE = "chainwatch.caller";

    private final List<byte[]> keys;

    public ApiKeyFilter(ChainwatchGatewayProperties properties) {
        if (properties.apiKeys().isEmpty()) {
            throw new IllegalStateException("chainwatch.gateway.api-keys is empty: no caller could use the API");
        }
        this.keys = properties.apiKeys().stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
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
        String presented = request.getHeaders().getFirst(HEADER);
        if (presented == null || presented.isBlank()) {
            return unauthorized(exchange, "Missing API key: send it in the " + HEADER + " header.");
        }
        if (!isKnown(presented)) {
            return unauthorized(exchange, "The API key is not valid.");
        }
        exchange.getAttributes().put(CALLER_ATTRIBUTE, "key:" + fingerprint(presented));
        ServerHttpRequest stripped = request.mutate().headers(h -> h.remove(HEADER)).build();
        return chain.filter(exchange.mutate().request(stripped).build());
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
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
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
