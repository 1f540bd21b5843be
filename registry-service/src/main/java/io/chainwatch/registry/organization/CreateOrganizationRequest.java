package io.chainwatch.registry.organization;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/organizations}.
 *
 * @param name          unique name of the organization
 * @param contactEmail  where the organization can be reached (notifications go there)
 * @param category      {@code CLOUD} (default) or {@code OFF_CLOUD}
 * @param orgCode       optional unique external code
 * @param resourceSpace optional resource space: {@code TENANT} for cloud, {@code PHYSICAL} for off-cloud users
 */
public record CreateOrganizationRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
        String name,
        @NotBlank @Size(max = 254) @Email
        String contactEmail,
        UserCategory category,
        @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]*", message = "must be letters, digits, '.', '_' or '-'")
        String orgCode,
        @Valid
        ResourceSpaceRequest resourceSpace) {

    public UserCategory effectiveCategory() {
        return category == null ? UserCategory.CLOUD : category;
    }
}
