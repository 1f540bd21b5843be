package io.chainwatch.security;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who makes the current request, as the gateway vouched for it in the internal token.
 *
 * @param subject who: {@code key:<prefix>} for an API key, {@code user:<name>} for a person, {@code system:<name>}
 *                for a ChainWatch component
 * @param orgId   the organization the caller belongs to; {@code null} only for a platform admin
 * @param role    what the caller may do
 */
public record Caller(String subject, UUID orgId, Role role) {

    /** Request attribute holding the verified caller. */
    public static final String ATTRIBUTE = Caller.class.getName();

    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        if (orgId == null && role != Role.PLATFORM_ADMIN) {
            throw new IllegalArgumentException("a " + role.label() + " must belong to an organization");
        }
    }

    /** A platform admin, not bound to one organization. */
    public static Caller platformAdmin(String subject) {
        return new Caller(subject, null, Role.PLATFORM_ADMIN);
    }

    /** The caller of the current request; an exception outside a request that {@link CallerFilter} checked. */
    public static Caller current() {
        return currentIfAny().orElseThrow(() -> new IllegalStateException(
                "no verified caller: not inside a request that passed the CallerFilter"));
    }

    /** The caller of the current request, if there is a request with a verified caller. */
    public static Optional<Caller> currentIfAny() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return Optional.empty();
        }
        return Optional.ofNullable((Caller) attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
    }

    public boolean isPlatformAdmin() {
        return role == Role.PLATFORM_ADMIN;
    }

    /** Whether the caller may see a resource of organization {@code resourceOrg}. */
    public boolean canAccess(UUID resourceOrg) {
        return isPlatformAdmin() || (resourceOrg != null && resourceOrg.equals(orgId));
    }

    /**
     * The organization a listing is restricted to: a platform admin gets what was asked ({@code null}: all);
     * anyone else gets the own organization, and a 403 when asking for another one.
     */
    public UUID listScope(UUID requestedOrg) {
        if (isPlatformAdmin()) {
            return requestedOrg;
        }
        if (requestedOrg != null && !requestedOrg.equals(orgId)) {
            throw new ForbiddenException("You can only list resources of your own organization.");
        }
        return orgId;
    }

    /**
     * The organization a new resource belongs to: a platform admin must name it; anyone else creates in the own
     * organization (naming it is fine, naming another one is a 403).
     */
    public UUID owningOrg(UUID requestedOrg) {
        if (isPlatformAdmin()) {
            if (requestedOrg == null) {
                throw new org.springframework.web.server.ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "orgId is required: a platform admin must say which organization the resource belongs to");
            }
            return requestedOrg;
        }
        if (requestedOrg != null && !requestedOrg.equals(orgId)) {
            throw new ForbiddenException("You can only create resources in your own organization.");
        }
        return orgId;
    }

    /** A 403 unless the caller has at least {@code required}. */
    public void require(Role required) {
        if (!role.atLeast(required)) {
            throw new ForbiddenException("This needs the role " + required.label() + "; you are " + role.label()
                    + ".");
        }
    }

    /** For the audit log: who, with the organization when bound to one. */
    public String describe() {
        return subject;
    }
}
