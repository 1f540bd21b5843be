package io.chainwatch.gateway;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Gateway settings ({@code chainwatch.gateway.*}); every key can be set from the environment, e.g.
 * {@code CHAINWATCH_GATEWAY_API_KEYS=key1,key2}.
 *
 * @param apiKeys     API keys accepted in the {@code X-API-Key} header (a later issue moves keys into the registry)
 * @param registryUrl base URL of the registry service
 * @param alertUrl    base URL of the alert service
 * @param cdcUrl      base URL of the CDC (database change) service
 */
@ConfigurationProperties("chainwatch.gateway")
public record ChainwatchGatewayProperties(List<String> apiKeys, String registryUrl, String alertUrl, String cdcUrl) {

    public ChainwatchGatewayProperties {
        apiKeys = apiKeys == null ? List.of() : apiKeys.stream().filter(k -> !k.isBlank()).toList();
    }
}
