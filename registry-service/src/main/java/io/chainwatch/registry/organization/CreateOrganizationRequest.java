package io.chainwatch.registry.organization;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/organizations}.
 *
 * @param name         unique name of the organization
 * @param contactEmail where the organization can be reached
 */
public record CreateOrganizationRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
        String name,
        @NotBlank @Size(max = 254) @Email
        String contactEmail) {
}
