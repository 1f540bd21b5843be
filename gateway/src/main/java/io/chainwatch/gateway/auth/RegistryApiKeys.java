package io.chainwatch.gateway.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chainwatch.gateway.ChainwatchGatewayProperties;
import io.chainwatch.security.Caller;
import io.chainwatch.security.InternalTokenIssuer;
import io.chainwatch.security.InternalTokenVerifier;
import io.chainwatch.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Organizations' API keys, which the registry issues and stores hashed: a key of the form
 * {@code cw_<prefix>_<secret>} is verified by the registry's {@code POST /internal/api-keys/verify} (with the
 * gateway's own internal token, as {@code system:gateway}), and the answer — the key's organization and role, or
 * "unknown" — is remembered for {@code chainwatch.gateway.api-key-cache}, which is therefore the longest a revoked
 * key keeps working and the finest grain of the key's last-used time. A valid key of a deactivated organization is
 * an {@link OrganizationDeactivatedException} (the registry's 403), never remembered.
 */
@Component
public class RegistryApiKeys {

    /** What a registry key looks like; anything else is not sent to the registry at all. */
    static final Pattern FORMAT = Pattern.compile("cw_[a-z0-9]{8}_[A-Za-z0-9_-]{43}");

    private static final Caller GATEWAY = Caller.platformAdmin("system:gateway");

    private final WebClient registry;
    private final InternalTokenIssuer tokens;
    private final AsyncCache<String, Optional<Caller>> cache;

    /** {@code http}: the gateway's own client (its connection pool and settings, {@code httpclient.*}). */
    public RegistryApiKeys(ChainwatchGatewayProperties properties, InternalTokenIssuer tokens, HttpClient http) {
        this.registry = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http))
                .baseUrl(properties.registryUrl()).build();
        this.tokens = tokens;
        this.cache = Caffeine.newBuilder().expireAfterWrite(properties.apiKeyCache()).maximumSize(100_000)
                .buildAsync();
    }

    /** Whether {@code key} has the shape of a registry key. */
    public static boolean looksLikeRegistryKey(String key) {
        return key.startsWith("cw_");
    }

    /**
     * The caller the key stands for; empty when the registry does not know it (or it is revoked or expired); an
     * error {@link RegistryUnavailableException} when the registry cannot be asked.
     */
    public Mono<Optional<Caller>> verify(String key) {
        if (!FORMAT.matcher(key).matches()) {
            return Mono.just(Optional.empty());
        }
        return Mono.fromFuture(cache.get(key, (k, executor) -> ask(k).toFuture()));
    }

    private Mono<Optional<Caller>> ask(String key) {
        return registry.post().uri("/internal/api-keys/verify")
                .header(InternalTokenVerifier.HEADER, tokens.issue(GATEWAY, "registry-service"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new VerifyRequest(key))
                .retrieve()
                .bodyToMono(VerifiedKey.class)
                .timeout(Duration.ofSeconds(5))
                .map(v -> Optional.of(new Caller("key:" + v.prefix(), v.orgId(), Role.valueOf(v.role()))))
                .onErrorResume(WebClientResponseException.class, e -> e.getStatusCode() == HttpStatus.NOT_FOUND
                        ? Mono.just(Optional.empty())
                        : e.getStatusCode() == HttpStatus.FORBIDDEN
                                && e.getResponseBodyAsString().contains("deactivated")
                                ? Mono.error(new OrganizationDeactivatedException())
                                : Mono.error(new RegistryUnavailableException("the registry answered "
                                        + e.getStatusCode().value())))
                .onErrorResume(e -> !(e instanceof RegistryUnavailableException
                        || e instanceof OrganizationDeactivatedException),
                        e -> Mono.error(new RegistryUnavailableException(e.getClass().getSimpleName())));
    }

    record VerifyRequest(String key) {
        @Override
        public String toString() {
            return "VerifyRequest[key=***]";
        }
    }

    record VerifiedKey(UUID keyId, UUID orgId, String role, String prefix) {
    }

    /**
     * The key is valid but its organization is deactivated (the registry answered 403 saying so; any other 403 means
     * the gateway's own token was refused, and counts as the registry not being available). Not remembered: the key
     * works again as soon as the organization is reactivated.
     */
    public static class OrganizationDeactivatedException extends RuntimeException {
        OrganizationDeactivatedException() {
            super("The API key's organization is deactivated: its API keys and people are refused until a platform"
                    + " admin reactivates it.");
        }
    }

    /** The registry, which knows the keys, could not be asked. */
    public static class RegistryUnavailableException extends RuntimeException {
        RegistryUnavailableException(String message) {
            super(message);
        }
    }
}
