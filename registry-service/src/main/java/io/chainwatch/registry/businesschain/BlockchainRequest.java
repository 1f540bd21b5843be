package io.chainwatch.registry.businesschain;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /api/v1/blockchains} and (with {@code If-Match}) {@code PUT /api/v1/blockchains/{id}}; on PUT
 * the business chain cannot change. {@code extraInfo}, {@code infraSpec} and {@code blockSpec} are JSON objects.
 *
 * @param orgIds organizations taking part (members of the business chain)
 */
public record BlockchainRequest(
        @NotNull UUID businessChainId,
        @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
        String name,
        @Size(max = 200) String externalId,
        @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Z0-9_]*", message = "must be upper-case letters, digits or '_'")
        String cloudType,
        @NotEmpty @Size(max = 100) List<@NotNull UUID> orgIds,
        JsonNode extraInfo,
        JsonNode infraSpec,
        JsonNode blockSpec) {
}
