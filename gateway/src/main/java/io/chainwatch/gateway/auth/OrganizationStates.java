package io.chainwatch.gateway.auth;

import java.time.Duration;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chainwatch.gateway.ChainwatchGatewayProperties;
import io.chainwatch.security.Caller;
import io.chainwatch.security.InternalTokenIssuer;
import io.chainwatch.security.InternalTokenVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Whether a person's organization is deactivated, asked of the registry ({@code GET /internal/organizations/{id}/state},
 * as {@code system:gateway}) and remembered for {@code chainwatch.gateway.api-key-cache}: the longest a person of a
 * just deactivated organization still gets through (and of a reactivated one is still refused). When the registry
 * cannot be asked, or does not know the organization, the person passes: the registry's own API refuses people of a
 * deactivated organization on every request anyway; the answer is then not remembered.
 */
@Component
public class OrganizationStates {

    private static final Logger log = LoggerFactory.getLogger(OrganizationStates.class);

    private static final Caller GATEWAY = Caller.platformAdmin("system:gateway");

    private final WebClient registry;
    private final InternalTokenIssuer tokens;
    private final AsyncCache<UUID, Boolean> cache;

    public OrganizationStates(ChainwatchGatewayProperties properties, InternalTokenIssuer tokens) {
        this.registry = WebClient.builder().baseUrl(properties.registryUrl()).build();
        this.tokens = tokens;
        this.cache = Caffeine.newBuilder().expireAfterWrite(properties.apiKeyCache()).maximumSize(100_000)
                .buildAsync();
    }

    /** Whether the registry says the organization is deactivated; {@code false} when it cannot tell. */
    public Mono<Boolean> deactivated(UUID orgId) {
        return Mono.fromFuture(cache.get(orgId, (id, executor) -> ask(id).toFuture()))
                .onErrorResume(e -> {
                    log.warn("Cannot ask the registry whether organization {} is deactivated ({}); letting the"
                            + " person through", orgId, e.toString());
                    return Mono.just(false);
                });
    }

    private Mono<Boolean> ask(UUID orgId) {
        return registry.get().uri("/internal/organizations/{id}/state", orgId)
                .header(InternalTokenVerifier.HEADER, tokens.issue(GATEWAY, "registry-service"))
                .retrieve()
                .bodyToMono(State.class)
                .timeout(Duration.ofSeconds(5))
                .map(state -> "DEACTIVATED".equals(state.status()));
    }

    record State(UUID orgId, String status) {
    }
}
