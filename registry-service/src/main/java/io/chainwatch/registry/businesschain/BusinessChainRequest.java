package io.chainwatch.registry.businesschain;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/business-chains} and (with {@code If-Match}) {@code PUT /api/v1/business-chains/{id}};
 * on PUT the alliance and owner cannot change.
 *
 * @param ownerOrgId   the creating member; it is always a member
 * @param memberOrgIds the member organizations (active members of the alliance)
 */
public record BusinessChainRequest(
        @NotNull UUID allianceId,
        @NotNull UUID ownerOrgId,
        @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
        String name,
        @NotNull CreateMode createMode,
        @NotEmpty @Size(max = 100) List<@NotNull UUID> memberOrgIds) {
}
