package io.chainwatch.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import io.chainwatch.gateway.ChainwatchGatewayProperties;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
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
        if (!request.getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        String presented = request.getHeaders().getFirst(HEADER);
        if (presented == null || presented.isBlank()) {
            return unauthorized(exchange, "Missing API key: send it in the " + HEADER + " header.");
        }
        if (!isKnown(presented)) {
            return unauthorized(exchange, "The API key is not valid.");
        }
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
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().set("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
        String body = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                + detail.replace("\"", "'") + "\",\"instance\":\"" + exchange.getRequest().getPath().value() + "\"}";
        DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(buffer));
    }
}
