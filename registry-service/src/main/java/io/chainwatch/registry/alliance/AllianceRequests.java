package io.chainwatch.registry.alliance;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the alliance operations. */
public final class AllianceRequests {

    private AllianceRequests() {
    }

    /**
     * {@code POST /api/v1/alliances}.
     *
     * @param unionId       the consortium's external id; generated when absent
     * @param platform      platform type (oemType), e.g. {@code FABRIC}, {@code ETHEREUM}
     * @param creatorOrgId  the creating organization, the alliance's first member
     * @param invitedOrgIds organizations invited to join (they accept or decline)
     */
    public record Create(
            @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
            String name,
            @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]*", message = "must be letters, digits, '.', '_' or '-'")
            String unionId,
            @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Z0-9_]*", message = "must be upper-case letters, digits or '_'")
            String platform,
            @NotNull UUID creatorOrgId,
            @Size(max = 100) List<@NotNull UUID> invitedOrgIds) {
    }

    /**
     * {@code POST /api/v1/alliances/{id}/join-requests} and {@code .../leave-requests}: the organization acting, which
     * is the caller's own; optional except for a platform admin (naming another organization is a 403).
     */
    public record OrgAction(UUID orgId) {
    }

    /** {@code POST /api/v1/alliances/{id}/invitations/{orgId}}: the invited organization's answer. */
    public record InvitationAnswer(@NotNull Boolean accept) {
    }
}
