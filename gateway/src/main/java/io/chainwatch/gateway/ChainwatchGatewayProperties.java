package io.chainwatch.gateway;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Gateway settings ({@code chainwatch.gateway.*}); every key can be set from the environment, e.g.
 * {@code CHAINWATCH_GATEWAY_API_KEYS=key1,key2}.
 *
 * @param apiKeys      bootstrap API keys of platform admins, accepted in the {@code X-API-Key} header; organizations'
 *                     keys live in the registry ({@code /api/v1/organizations/{id}/api-keys})
 * @param registryUrl  base URL of the registry service
 * @param alertUrl     base URL of the alert service
 * @param cdcUrl       base URL of the CDC (database change) service
 * @param maxBodyBytes largest request body the API accepts
 * @param rateLimit    requests allowed per caller
 * @param jwt          which people's tokens to accept
 * @param internalToken the key the gateway signs its internal tokens with
 * @param apiKeyCache  how long a verified (or refused) registry API key is remembered: the longest a revoked key
 *                     still works
 */
@ConfigurationProperties("chainwatch.gateway")
public record ChainwatchGatewayProperties(List<String> apiKeys, String registryUrl, String alertUrl, String cdcUrl,
                                          @DefaultValue("1048576") long maxBodyBytes,
                                          @DefaultValue RateLimit rateLimit,
                                          @DefaultValue Jwt jwt,
                                          @DefaultValue InternalToken internalToken,
                                          @DefaultValue("10s") Duration apiKeyCache) {

    public ChainwatchGatewayProperties {
        apiKeys = apiKeys == null ? List.of() : apiKeys.stream().filter(k -> !k.isBlank()).toList();
    }

    /**
     * A token bucket per caller and per organization.
     *
     * @param requests     requests allowed per caller per period (also the burst size)
     * @param period       the period over which {@code requests} are refilled
     * @param orgRequests  requests allowed per organization (all its keys and people together) per period
     * @param store        where these buckets and the failed sign-in counts ({@code auth-throttle}) are kept:
     *                     {@code memory} (each gateway instance counts alone) or {@code redis} (shared by every
     *                     instance using the same Redis, {@code spring.data.redis.*})
     * @param storeTimeout how long a request waits for Redis before the instance's memory answers instead
     */
    public record RateLimit(@DefaultValue("600") long requests, @DefaultValue("1m") Duration period,
                            @DefaultValue("3000") long orgRequests, @DefaultValue("memory") Store store,
                            @DefaultValue("500ms") Duration storeTimeout) {
    }

    /** Where the gateway keeps its rate-limit buckets and failed sign-in counts. */
    public enum Store { MEMORY, REDIS }

    /**
     * @param privateKey base64 PKCS#8 EC P-256 private key (env CHAINWATCH_INTERNAL_TOKEN_PRIVATE_KEY); the services
     *                   hold the matching public key
     */
    public record InternalToken(String privateKey) {

        @Override
        public String toString() {
            return "InternalToken[privateKey=***]";
        }
    }

    /**
     * Bearer tokens of people.
     *
     * @param issuerUri  the external OIDC issuer whose tokens are accepted (keys by discovery); blank: none
     * @param audience   when set, a token's {@code aud} must contain it
     * @param orgClaim   the claim naming the person's organization id
     * @param rolesClaim the claim listing the person's ChainWatch roles (a list or one string)
     */
    public record Jwt(String issuerUri, String audience, @DefaultValue("org") String orgClaim,
                      @DefaultValue("roles") String rolesClaim) {
    }
}
