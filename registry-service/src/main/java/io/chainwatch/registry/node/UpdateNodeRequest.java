package io.chainwatch.registry.node;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/v1/nodes/{id}} (with {@code If-Match}): the node's name, RPC URL and poll interval. The
 * collectors get the changed target through the outbox.
 *
 * @param pollIntervalMs {@value CreateNodeRequest#DEFAULT_POLL_INTERVAL_MS} when absent
 * @param metricsUrl     optional; {@code null} removes it
 * @param fabric         optional (FABRIC chains only); {@code null} removes it
 */
public record UpdateNodeRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
        String name,
        @NotBlank @Size(max = 2048) @RpcUrl
        String rpcUrl,
        @Min(CreateNodeRequest.MIN_POLL_INTERVAL_MS) @Max(CreateNodeRequest.MAX_POLL_INTERVAL_MS)
        Long pollIntervalMs,
        @Size(max = 2048) @Pattern(regexp = "https?://[^\\s/]+(/\\S*)?", message = "must be an http or https URL")
        String metricsUrl,
        @Valid
        FabricSettings fabric) {

    public long effectivePollIntervalMs() {
        return pollIntervalMs == null ? CreateNodeRequest.DEFAULT_POLL_INTERVAL_MS : pollIntervalMs;
    }
}
