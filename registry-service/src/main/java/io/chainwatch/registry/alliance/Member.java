package io.chainwatch.registry.alliance;

import java.time.Instant;
import java.util.UUID;

/**
 * A member of an alliance.
 *
 * @param role   {@code CREATOR} or {@code MEMBER}
 * @param status {@code INVITED} (not yet accepted) or {@code ACTIVE}
 */
public record Member(UUID orgId, String role, String status, Instant since) {

    public static final String CREATOR = "CREATOR";
    public static final String MEMBER = "MEMBER";
    public static final String INVITED = "INVITED";
    public static final String ACTIVE = "ACTIVE";
}
