package io.chainwatch.registry.orgdeletion;

import java.util.UUID;

import io.chainwatch.registry.web.Access;
import io.chainwatch.security.Role;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/v1/organizations/{id}}: platform admin only (403 problem for anyone else, an org admin of that
 * organization included); 404 for an unknown organization; 409 unless it is deactivated, when it is deleted already,
 * or while it leads alliances / owns business chains that other organizations take part in (named in the problem).
 * Answers 200 with the tombstone and the counts of what was removed.
 */
@RestController
class OrganizationDeletionController {

    private final OrganizationDeletion deletion;

    OrganizationDeletionController(OrganizationDeletion deletion) {
        this.deletion = deletion;
    }

    @DeleteMapping("/api/v1/organizations/{id}")
    ResponseEntity<OrganizationDeletion.Deleted> delete(@PathVariable UUID id) {
        Access.require(Role.PLATFORM_ADMIN);
        return ResponseEntity.ok(deletion.delete(id));
    }
}
