package io.chainwatch.registry.quota;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Default quotas of every organization ({@code chainwatch.registry.quotas.*}); a platform admin overrides them per
 * organization.
 *
 * @param chains            chains an organization may register
 * @param nodes             nodes over all its chains
 * @param minPollIntervalMs the shortest poll interval its nodes may ask for (ms)
 * @param apiKeys           API keys neither revoked nor expired
 */
@ConfigurationProperties("chainwatch.registry.quotas")
public record QuotaProperties(
        @DefaultValue("50") long chains,
        @DefaultValue("200") long nodes,
        @DefaultValue("1000") long minPollIntervalMs,
        @DefaultValue("50") long apiKeys) {

    long of(String name) {
        return switch (name) {
            case Quotas.CHAINS -> chains;
            case Quotas.NODES -> nodes;
            case Quotas.MIN_POLL_INTERVAL_MS -> minPollIntervalMs;
            case Quotas.API_KEYS -> apiKeys;
            default -> throw new IllegalArgumentException("unknown quota " + name);
        };
    }
}
