package io.chainwatch.alert.quota;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.alert.problem.NotFoundException;
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
 * {@code /api/v1/quotas?orgId=}: the alert service's quotas of an organization with their usage (its members, a
 * platform admin), and a platform admin's overrides ({@code PUT}, {@code {"rules": 1000, "sms-per-hour": null}}:
 * null = back to the default). The gateway does not route this path; it calls it for
 * {@code /api/v1/organizations/{id}/quotas}.
 */
@RestController
@RequestMapping("/api/v1/quotas")
public class QuotaController {

    private final Quotas quotas;

    public QuotaController(Quotas quotas) {
        this.quotas = quotas;
    }

    @GetMapping
    public List<Quotas.View> get(@RequestParam UUID orgId) {
        visible(orgId);
        return quotas.view(orgId);
    }

    @PutMapping
    @Transactional
    public List<Quotas.View> put(@RequestParam UUID orgId, @RequestBody Map<String, Long> values) {
        Caller caller = Caller.current();
        caller.require(Role.PLATFORM_ADMIN);
        for (Map.Entry<String, Long> entry : values.entrySet()) {
            if (!Quotas.NAMES.contains(entry.getKey())) {
                throw new IllegalArgumentException("\"" + entry.getKey() + "\" is not a quota of the alert service"
                        + " (one of " + String.join(", ", Quotas.NAMES) + ")");
            }
            if (entry.getValue() != null && (entry.getValue() < 0 || entry.getValue() > 1_000_000_000L)) {
                throw new IllegalArgumentException(entry.getKey() + " must be between 0 and 1000000000");
            }
        }
        quotas.override(orgId, values, caller.subject());
        return quotas.view(orgId);
    }

    private static void visible(UUID orgId) {
        if (!Caller.current().canAccess(orgId)) {
            throw new NotFoundException("organization", orgId);
        }
    }
}
