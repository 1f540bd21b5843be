package io.chainwatch.registry.alliance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An alliance with its members as the API returns it. */
public record AllianceResponse(UUID id, String unionId, String name, String platform, UUID creatorOrgId, String status,
        List<Member> members, Instant createdAt, Instant updatedAt, long version) {

    static AllianceResponse of(Alliance a, List<Member> members) {
        return new AllianceResponse(a.id(), a.unionId(), a.name(), a.platform(), a.creatorOrgId(), a.status(), members,
                a.createdAt(), a.updatedAt(), a.version());
    }
}
