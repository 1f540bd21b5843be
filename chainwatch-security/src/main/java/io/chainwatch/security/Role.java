package io.chainwatch.security;

import java.util.Locale;

/**
 * What a caller may do, weakest first. A role includes everything the roles before it may do.
 * <ul>
 *   <li>{@link #VIEWER}: read the resources of the own organization;</li>
 *   <li>{@link #OPERATOR}: also change monitoring resources (nodes, rules, silences, acknowledging alerts);</li>
 *   <li>{@link #ORG_ADMIN}: also manage the organization itself (its API keys, receivers, alliances, platforms);</li>
 *   <li>{@link #PLATFORM_ADMIN}: every organization, creating organizations; not bound to one organization.</li>
 * </ul>
 */
public enum Role {
    VIEWER, OPERATOR, ORG_ADMIN, PLATFORM_ADMIN;

    /** Whether this role includes {@code required}. */
    public boolean atLeast(Role required) {
        return compareTo(required) >= 0;
    }

    /** Parses {@code viewer}, {@code org-admin}, {@code ORG_ADMIN}, {@code platform_admin}...; else an exception. */
    public static Role parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no role given; one of viewer, operator, org-admin, platform-admin");
        }
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Role.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + text.strip()
                    + "'; one of viewer, operator, org-admin, platform-admin");
        }
    }

    /** The external spelling: {@code org-admin}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
