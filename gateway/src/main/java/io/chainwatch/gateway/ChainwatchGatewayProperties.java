package io.chainwatch.gateway;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Gateway settings ({@code chainwatch.gateway.*}); every key can be set from the environment, e.g.
 * {@code CHAINWATCH_GATEWAY_API_KEYS=key1,key2}.
 *
 * @param apiKeys      API keys accepted in the {@code X-API-Key} header (a later issue moves keys into the registry)
 * @param registryUrl  base URL of the registry service
 * @param alertUrl     base URL of the alert service
 * @param cdcUrl       base URL of the CDC (database change) service
 * @param maxBodyBytes largest request body the API accepts
 * @param rateLimit    requests allowed per API key
 */
@ConfigurationProperties("chainwatch.gateway")
public record ChainwatchGatewayProperties(List<String> apiKeys, String registryUrl, String alertUrl, String cdcUrl,
                                          @DefaultValue("1048576") long maxBodyBytes,
                                          @DefaultValue RateLimit rateLimit) {

    public ChainwatchGatewayProperties {
        apiKeys = apiKeys == null ? List.of() : apiKeys.stream().filter(k -> !k.isBlank()).toList();
    }

    /**
     * A token bucket per API key.
     *
     * @param requests requests allowed per period (also the burst size)
     * @param period   the period over which {@code requests} are refilled
     */
    public record RateLimit(@DefaultValue("600") long requests, @DefaultValue("1m") Duration period) {
    }
}
