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
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Whether a person's organization is deactivated (or deleted: its tombstone stays deactivated), asked of the registry ({@code GET /internal/organizations/{id}/state},
 * as {@code system:gateway}) and remembered for {@code chainwatch.gateway.api-key-cache}: the longest a person of a
 * just deactivated organization still gets through (and of a reactivated one is still refused). When the registry
 * cannot be asked, the last answer it gave about the organization holds (a deactivated organization stays refused
 * through a registry outage); an organization the registry was never asked about, or does not know, passes — the
 * registry's own API refuses people of a deactivated organization on every request anyway.
 */
@Component
public class OrganizationStates {

    private static final Logger log = LoggerFactory.getLogger(OrganizationStates.class);

    private static final Caller GATEWAY = Caller.platformAdmin("system:gateway");

    /** The registry's states whose people are refused: deactivated, and deleted (a tombstone, deactivated too). */
    private static final java.util.Set<String> REFUSED = java.util.Set.of("DEACTIVATED", "DELETED");

    private final WebClient registry;
    private final InternalTokenIssuer tokens;
    private final AsyncCache<UUID, Boolean> cache;
    /** The registry's last answer per organization, for when it cannot be asked (bounded like the cache). */
    private final com.github.benmanes.caffeine.cache.Cache<UUID, Boolean> lastKnown =
            Caffeine.newBuilder().maximumSize(100_000).build();

    /** {@code http}: the gateway's own client (its connection pool and settings, {@code httpclient.*}). */
    public OrganizationStates(ChainwatchGatewayProperties properties, InternalTokenIssuer tokens, HttpClient http) {
        this.registry = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http))
                .baseUrl(properties.registryUrl()).build();
        this.tokens = tokens;
        this.cache = Caffeine.newBuilder().expireAfterWrite(properties.apiKeyCache()).maximumSize(100_000)
                .buildAsync();
    }

    /**
     * Whether the registry says the organization is deactivated or deleted; when it cannot be asked, what it said last, and
     * {@code false} when it never said.
     */
    public Mono<Boolean> deactivated(UUID orgId) {
        return Mono.fromFuture(cache.get(orgId, (id, executor) -> ask(id).toFuture()))
                .doOnNext(deactivated -> lastKnown.put(orgId, deactivated))
                .onErrorResume(e -> {
                    Boolean last = lastKnown.getIfPresent(orgId);
                    log.warn("Cannot ask the registry whether organization {} is deactivated ({}); {}", orgId,
                            e.toString(), last == null ? "never known: letting the person through"
                                    : "as it said last: " + (last ? "deactivated" : "active"));
                    return Mono.just(last != null && last);
                });
    }

    private Mono<Boolean> ask(UUID orgId) {
        return registry.get().uri("/internal/organizations/{id}/state", orgId)
                .header(InternalTokenVerifier.HEADER, tokens.issue(GATEWAY, "registry-service"))
                .retrieve()
                .bodyToMono(State.class)
                .timeout(Duration.ofSeconds(5))
                .map(state -> REFUSED.contains(state.status()));
    }

    record State(UUID orgId, String status) {
    }
}
