package io.chainwatch.registry.organization;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/v1/organizations/{id}} (with {@code If-Match}): replaces the organization's own fields.
 * The resource space has its own sub-resource.
 *
 * @param orgCode optional; {@code null} removes it
 */
public record UpdateOrganizationRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
        String name,
        @NotBlank @Size(max = 254) @Email
        String contactEmail,
        @NotNull
        UserCategory category,
        @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]*", message = "must be letters, digits, '.', '_' or '-'")
        String orgCode) {
}
