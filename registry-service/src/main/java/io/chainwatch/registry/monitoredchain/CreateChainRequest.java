package io.chainwatch.registry.monitoredchain;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/chains}.
 *
 * @param orgId    the owning organization; optional for a member of one (it is the caller's), required for a
 *                 platform admin
 * @param name     name of the chain, unique within the organization
 * @param platform platform type
 */
public record CreateChainRequest(
        UUID orgId,
        @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
        String name,
        @NotNull
        Platform platform) {

    /** The same request, owned by {@code owner}. */
    public CreateChainRequest withOrg(UUID owner) {
        return new CreateChainRequest(owner, name, platform);
    }
}
