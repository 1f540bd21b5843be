package io.chainwatch.registry.quota;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.registry.organization.OrganizationRepository;
import io.chainwatch.registry.web.Access;
import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.registry.web.NotFoundException;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/quotas?orgId=}: the registry's quotas of an organization with their usage (any member, a platform
 * admin), and a platform admin's overrides ({@code PUT}, body {@code {"nodes": 500, "chains": null}}: null = back to
 * the default). The gateway does not route this path: it calls it, with the caller's identity, to answer
 * {@code /api/v1/organizations/{id}/quotas} together with the alert and CDC services' quotas.
 */
@RestController
@RequestMapping("/api/v1/quotas")
public class QuotaController {

    private final Quotas quotas;
    private final OrganizationRepository organizations;

    public QuotaController(Quotas quotas, OrganizationRepository organizations) {
        this.quotas = quotas;
        this.organizations = organizations;
    }

    @GetMapping
    @Transactional(readOnly = true)
    public List<Quotas.View> get(@RequestParam UUID orgId) {
        visible(orgId);
        return quotas.view(orgId);
    }

    @PutMapping
    @Transactional
    public List<Quotas.View> put(@RequestParam UUID orgId, @RequestBody Map<String, Long> values) {
        Caller caller = Access.require(Role.PLATFORM_ADMIN);
        visible(orgId);
        for (Map.Entry<String, Long> entry : values.entrySet()) {
            if (!Quotas.NAMES.contains(entry.getKey())) {
                throw new InvalidRequestException(entry.getKey(), "is not a quota of the registry (one of "
                        + String.join(", ", Quotas.NAMES) + ")");
            }
            if (entry.getValue() != null && (entry.getValue() < 0 || entry.getValue() > 1_000_000_000L)) {
                throw new InvalidRequestException(entry.getKey(), "must be between 0 and 1000000000");
            }
        }
        quotas.override(orgId, values, caller.subject());
        return quotas.view(orgId);
    }

    private void visible(UUID orgId) {
        if (!Access.caller().canAccess(orgId) || organizations.findById(orgId).filter(o -> !o.deleted()).isEmpty()) {
            throw new NotFoundException("organization", orgId);
        }
    }
}
