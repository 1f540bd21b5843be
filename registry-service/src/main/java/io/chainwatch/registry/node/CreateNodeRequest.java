package io.chainwatch.registry.node;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/nodes}.
 *
 * @param chainId        the chain the node belongs to
 * @param name           name of the node, unique within the chain
 * @param rpcUrl         the node's JSON-RPC endpoint: absolute http, https, ws or wss URL with a host
 * @param pollIntervalMs how often to poll the node; {@value #DEFAULT_POLL_INTERVAL_MS} when absent
 * @param metricsUrl     the node's Prometheus metrics endpoint (geth, Besu, Fabric operations), optional
 * @param fabric         how to reach a Fabric peer; only for nodes of FABRIC chains, optional
 */
public record CreateNodeRequest(
        @NotNull
        UUID chainId,
        @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
        String name,
        @NotBlank @Size(max = 2048) @RpcUrl
        String rpcUrl,
        @Min(MIN_POLL_INTERVAL_MS) @Max(MAX_POLL_INTERVAL_MS)
        Long pollIntervalMs,
        @Size(max = 2048) @Pattern(regexp = "https?://[^\\s/]+(/\\S*)?", message = "must be an http or https URL")
        String metricsUrl,
        @Valid
        FabricSettings fabric) {

    public static final long DEFAULT_POLL_INTERVAL_MS = 1000;
    public static final long MIN_POLL_INTERVAL_MS = 200;
    public static final long MAX_POLL_INTERVAL_MS = 3_600_000;

    /** The poll interval to store: the one given, or the default. */
    public long effectivePollIntervalMs() {
        return pollIntervalMs == null ? DEFAULT_POLL_INTERVAL_MS : pollIntervalMs;
    }
}
