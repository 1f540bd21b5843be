package io.chainwatch.registry;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the registry service, prefix {@code chainwatch.registry}. Every key has a default and can be set
 * from the environment, e.g. {@code CHAINWATCH_REGISTRY_OUTBOX_RELAY_INTERVAL=500ms}.
 *
 * @param outbox  how the outbox relay publishes node changes to Kafka
 * @param secrets the AES-GCM data keys that encrypt secrets at rest
 * @param tasks   the task engine (alliance operations)
 * @param paging  list endpoints' page sizes
 */
@Validated
@ConfigurationProperties("chainwatch.registry")
public record RegistryProperties(@Valid @DefaultValue Outbox outbox,
        @Valid Secrets secrets, @Valid @DefaultValue Tasks tasks, @Valid @DefaultValue Paging paging) {

    /**
     * Keys that encrypt secrets at rest (AES-256-GCM). Each ciphertext stores the id of its key, so a new key can
     * be made active while old ones still decrypt; the rotation job re-encrypts old rows under the active key.
     *
     * @param activeKey        id of the key new secrets are encrypted with
     *                         (env {@code CHAINWATCH_REGISTRY_SECRETS_ACTIVE_KEY})
     * @param keys             key id → base64 of 32 random bytes (env {@code CHAINWATCH_REGISTRY_SECRETS_KEYS_<ID>};
     *                         ids given through the environment are lower case)
     * @param rotationInterval pause between two runs of the re-encryption job
     */
    public record Secrets(
            @NotBlank String activeKey,
            @NotEmpty Map<String, String> keys,
            @NotNull @DefaultValue("1h") Duration rotationInterval) {
    }

    /**
     * @param threads                executions one instance runs at once
     * @param pollingInterval        how often an instance looks for due executions
     * @param heartbeatInterval      how often a running execution proves its instance is alive
     * @param missedHeartbeatsLimit  missed heartbeats after which another instance resumes the execution
     * @param sweepInterval          how often waiting tasks whose approvals are complete, and tasks without an
     *                               execution, are (re)scheduled
     */
    public record Tasks(
            @Min(1) @Max(64) @DefaultValue("4") int threads,
            @NotNull @DefaultValue("500ms") Duration pollingInterval,
            @NotNull @DefaultValue("5s") Duration heartbeatInterval,
            @Min(2) @DefaultValue("6") int missedHeartbeatsLimit,
            @NotNull @DefaultValue("10s") Duration sweepInterval) {
    }

    /**
     * @param defaultSize page size when the request gives none
     * @param maxSize     largest page size a request may ask for
     */
    public record Paging(
            @Min(1) @DefaultValue("100") int defaultSize,
            @Min(1) @DefaultValue("1000") int maxSize) {
    }

    /**
     * @param relayInterval   pause between two relay runs (fixed delay)
     * @param batchSize       most outbox rows one relay run publishes
     * @param sendTimeout     how long the relay waits for Kafka to acknowledge one record
     * @param retention       how long published outbox rows are kept before they are deleted
     * @param cleanupInterval pause between two deletions of old published outbox rows
     */
    public record Outbox(
            @NotNull @DefaultValue("200ms") Duration relayInterval,
            @Min(1) @Max(10_000) @DefaultValue("100") int batchSize,
            @NotNull @DefaultValue("35s") Duration sendTimeout,
            @NotNull @DefaultValue("7d") Duration retention,
            @NotNull @DefaultValue("1h") Duration cleanupInterval) {
    }
}
