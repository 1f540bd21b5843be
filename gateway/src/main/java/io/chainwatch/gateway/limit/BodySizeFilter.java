package io.chainwatch.gateway.limit;

import io.chainwatch.gateway.ChainwatchGatewayProperties;
import io.chainwatch.gateway.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Refuses API requests whose declared body is larger than {@code chainwatch.gateway.max-body-bytes} (413). */
@Component
public class BodySizeFilter implements WebFilter, Ordered {

    private final long maxBytes;

    public BodySizeFilter(ChainwatchGatewayProperties properties) {
        this.maxBytes = properties.maxBodyBytes();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > maxBytes && exchange.getRequest().getPath().value().startsWith("/api/")) {
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE,
                    "The request body is " + length + " bytes; the API accepts at most " + maxBytes + ".");
        }
        return chain.filter(exchange);
    }
}
