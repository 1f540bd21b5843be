package io.chainwatch.registry.reconciliation;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Prefix {@code chainwatch.registry.reconciliation}.
 *
 * @param enabled  whether the scheduled reconciliation runs (env {@code CHAINWATCH_REGISTRY_RECONCILIATION_ENABLED});
 *                 on-demand runs work either way
 * @param interval pause between two scheduled runs over all platforms
 *                 (env {@code CHAINWATCH_REGISTRY_RECONCILIATION_INTERVAL})
 */
@Validated
@ConfigurationProperties("chainwatch.registry.reconciliation")
public record ReconciliationProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("5m") Duration interval) {
}
