package io.chainwatch.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.chainwatch.gateway.ChainwatchGatewayProperties;
import io.chainwatch.gateway.web.Problems;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every {@code /api/} request must say who makes it, as a {@link Caller} (organization and role):
 * <ul>
 *   <li>an API key in {@code X-API-Key} (business servers): an organization's key issued by the registry
 *   ({@code cw_...}, see {@link RegistryApiKeys}), or one of the bootstrap keys of the configuration, which are
 *   platform admins;</li>
 *   <li>a bearer token in {@code Authorization} (people): a JWT of the configured OIDC issuer (the identity service
 *   in the local stack and docker-compose), naming the organization ({@code jwt.org-claim}) and roles ({@code jwt.roles-claim}).
 *   </li>
 * </ul>
 * Otherwise 401 (403 for a valid token without a ChainWatch role or organization, or a valid key or token of a
 * person of a deactivated organization, see {@link OrganizationStates}), as RFC 9457 problems.
 * Credentials are removed before the request goes downstream; {@link InternalTokenFilter} vouches for the caller.
 */
@Component
public class AuthenticationFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-API-Key";

    /** Exchange attribute: the authenticated {@link Caller}. */
    public static final String CALLER = Caller.ATTRIBUTE;

    /** Exchange attribute: the caller's subject, e.g. {@code key:ab12cd34} (never a key itself). */
    public static final String CALLER_ATTRIBUTE = "chainwatch.caller";

    /** Exchange attribute: the JWT of a person, when the caller authenticated with a bearer token. */
    public static final String JWT_ATTRIBUTE = "chainwatch.jwt";

    private final List<byte[]> bootstrapKeys;
    private final BearerTokens bearerTokens;
    private final RegistryApiKeys registryKeys;
    private final ChainwatchGatewayProperties.Jwt jwtSettings;

    private final FailedSignIns failedSignIns;
    private final OrganizationStates organizationStates;

    public AuthenticationFilter(ChainwatchGatewayProperties properties, BearerTokens bearerTokens,
            RegistryApiKeys registryKeys, FailedSignIns failedSignIns, OrganizationStates organizationStates) {
        this.organizationStates = organizationStates;
        this.failedSignIns = failedSignIns;
        this.bootstrapKeys = properties.apiKeys().stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
        this.bearerTokens = bearerTokens;
        this.registryKeys = registryKeys;
        this.jwtSettings = properties.jwt();
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
        String source = FailedSignIns.source(exchange);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return failedSignIns.check(BEARER, source, null).flatMap(throttled -> throttled.isPresent()
                    ? throttled(exchange, throttled.get())
                    : bearer(exchange, chain, authorization.substring(7).trim()));
        }
        String presented = request.getHeaders().getFirst(HEADER);
        if (presented == null || presented.isBlank()) {
            return unauthorized(exchange, "Missing API key or bearer token: send an API key in the " + HEADER
                    + " header, or a token in Authorization: Bearer.");
        }
        String key = presented.strip();
        String prefix = RegistryApiKeys.looksLikeRegistryKey(key) ? key.split("_", 3)[1] : null;
        return failedSignIns.check(API_KEY, source, prefix).flatMap(throttled -> throttled.isPresent()
                ? throttled(exchange, throttled.get())
                : apiKey(exchange, chain, key, prefix, source));
    }

    private Mono<Void> apiKey(ServerWebExchange exchange, WebFilterChain chain, String key, String prefix,
            String source) {
        if (prefix != null) {
            return registryKeys.verify(key)
                    .flatMap(caller -> {
                        if (caller.isPresent()) {
                            return proceed(exchange, chain, caller.get(), HEADER);
                        }
                        return failedSignIns.failed(API_KEY, source, prefix).then(Mono.defer(() -> unauthorized(
                                exchange, "The API key is not valid (unknown, revoked or expired).")));
                    })
                    .onErrorResume(RegistryApiKeys.OrganizationDeactivatedException.class,
                            e -> Problems.write(exchange, HttpStatus.FORBIDDEN, e.getMessage()))
                    .onErrorResume(RegistryApiKeys.RegistryUnavailableException.class, e -> Problems.write(exchange,
                            HttpStatus.SERVICE_UNAVAILABLE, "API keys cannot be checked right now: the registry"
                                    + " service is not reachable. Retry shortly."));
        }
        if (!isBootstrapKey(key)) {
            return failedSignIns.failed(API_KEY, source, null).then(Mono.defer(
                    () -> unauthorized(exchange, "The API key is not valid.")));
        }
        return proceed(exchange, chain, Caller.platformAdmin("key:bootstrap-" + fingerprint(key)), HEADER);
    }

    private Mono<Void> bearer(ServerWebExchange exchange, WebFilterChain chain, String token) {
        if (!bearerTokens.enabled()) {
            return unauthorized(exchange, "Bearer tokens are not accepted here: no token issuer is configured.");
        }
        return bearerTokens.decode(token)
                .flatMap(jwt -> {
                    Caller caller;
                    try {
                        caller = person(jwt);
                    } catch (IllegalArgumentException e) {
                        return Problems.write(exchange, HttpStatus.FORBIDDEN, e.getMessage());
                    }
                    exchange.getAttributes().put(JWT_ATTRIBUTE, jwt);
                    if (caller.orgId() == null) {
                        return proceed(exchange, chain, caller, HttpHeaders.AUTHORIZATION);
                    }
                    Caller person = caller;
                    return organizationStates.deactivated(caller.orgId()).flatMap(deactivated -> deactivated
                            ? Problems.write(exchange, HttpStatus.FORBIDDEN, "Your organization is deactivated: its"
                                    + " people and API keys are refused until a platform admin reactivates it.")
                            : proceed(exchange, chain, person, HttpHeaders.AUTHORIZATION));
                })
                .onErrorResume(JwtException.class, e -> failedSignIns.failed(BEARER, FailedSignIns.source(exchange),
                        null).then(Mono.defer(() -> unauthorized(exchange, "The bearer token is not valid: "
                        + e.getMessage()))));
    }

    /** Kinds of failed attempts (tag {@code kind} of {@code chainwatch.gateway.auth.throttled}). */
    static final String API_KEY = "api-key";
    static final String BEARER = "bearer";

    /** 429 with Retry-After: too many failed attempts from this source or for this key. */
    static Mono<Void> throttled(ServerWebExchange exchange, FailedSignIns.Throttled throttled) {
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(throttled.retryAfterSeconds()));
        return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-in attempts from"
                + " this address or for this key; retry after " + throttled.retryAfterSeconds() + " s.",
                java.util.Map.of("retryAfterSeconds", throttled.retryAfterSeconds()));
    }

    /** The caller a person's token stands for: the strongest ChainWatch role it lists, and its organization. */
    Caller person(Jwt jwt) {
        Object claim = jwt.getClaims().get(jwtSettings.rolesClaim());
        Collection<?> values = claim instanceof Collection<?> list ? list
                : claim == null ? List.of() : List.of(claim);
        Optional<Role> role = values.stream().map(String::valueOf).map(AuthenticationFilter::roleOrNull)
                .filter(r -> r != null).max(Enum::compareTo);
        if (role.isEmpty()) {
            throw new IllegalArgumentException("The token names no ChainWatch role (claim '"
                    + jwtSettings.rolesClaim() + "': viewer, operator, org-admin or platform-admin).");
        }
        String subject = "user:" + jwt.getSubject();
        if (role.get() == Role.PLATFORM_ADMIN) {
            return Caller.platformAdmin(subject);
        }
        String org = jwt.getClaimAsString(jwtSettings.orgClaim());
        try {
            return new Caller(subject, UUID.fromString(String.valueOf(org)), role.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The token names no organization (claim '" + jwtSettings.orgClaim()
                    + "' must be the organization's id).");
        }
    }

    private static Role roleOrNull(String text) {
        try {
            return Role.parse(text);
        } catch (IllegalArgumentException e) {
            return null; // other applications' roles in the same token
        }
    }

    private static Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, Caller caller,
            String credentialHeader) {
        exchange.getAttributes().put(CALLER, caller);
        exchange.getAttributes().put(CALLER_ATTRIBUTE, caller.subject());
        ServerHttpRequest stripped = exchange.getRequest().mutate().headers(h -> h.remove(credentialHeader)).build();
        return chain.filter(exchange.mutate().request(stripped).build());
    }

    private boolean isBootstrapKey(String presented) {
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        boolean known = false;
        for (byte[] key : bootstrapKeys) {
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
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
