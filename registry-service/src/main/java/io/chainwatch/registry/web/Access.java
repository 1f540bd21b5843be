package io.chainwatch.registry.web;

import java.util.Collection;
import java.util.UUID;

import io.chainwatch.security.Caller;
import io.chainwatch.security.ForbiddenException;
import io.chainwatch.security.Role;

/**
 * Organization scoping of the API, on top of {@link Caller}: what the current caller may see and do. A resource of
 * another organization is answered like a missing one (404), so that ids of other organizations do not even reveal
 * that something exists; a visible resource the caller may not change is a 403.
 */
public final class Access {

    private Access() {
    }

    /** The caller of the current request. */
    public static Caller caller() {
        return Caller.current();
    }

    /** The caller, after a 403 unless it has at least {@code role}. */
    public static Caller require(Role role) {
        Caller caller = Caller.current();
        caller.require(role);
        return caller;
    }

    /** A 404 "no {@code what} with id {@code id}" unless the caller may see resources of {@code orgId}. */
    public static void visible(UUID orgId, String what, UUID id) {
        if (!Caller.current().canAccess(orgId)) {
            throw new NotFoundException(what, id);
        }
    }

    /** A 404 unless the caller is a platform admin or belongs to one of {@code orgIds}. */
    public static void visibleToAny(Collection<UUID> orgIds, String what, UUID id) {
        if (!isAmong(orgIds)) {
            throw new NotFoundException(what, id);
        }
    }

    /** Whether the caller is a platform admin or belongs to one of {@code orgIds}. */
    public static boolean isAmong(Collection<UUID> orgIds) {
        Caller caller = Caller.current();
        return caller.isPlatformAdmin() || orgIds.contains(caller.orgId());
    }

    /**
     * The organization that acts (joins, leaves, approves...): the caller's own one — naming it in {@code field} is
     * fine, naming another one is a 403; a platform admin acts for the organization it names, which is then required.
     */
    public static UUID actingOrg(String field, UUID named) {
        Caller caller = Caller.current();
        if (caller.isPlatformAdmin()) {
            if (named == null) {
                throw new InvalidRequestException(field, "is required: a platform admin must say which organization"
                        + " acts");
            }
            return named;
        }
        if (named != null && !named.equals(caller.orgId())) {
            throw new ForbiddenException("You can only act for your own organization (" + field + ").");
        }
        return caller.orgId();
    }

    /** A 403 unless the caller is a platform admin or belongs to {@code orgId}; for visible resources. */
    public static void requireOwnOrg(UUID orgId, String message) {
        if (!Caller.current().canAccess(orgId)) {
            throw new ForbiddenException(message);
        }
    }
}
