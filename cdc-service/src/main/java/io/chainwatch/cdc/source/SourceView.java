package io.chainwatch.cdc.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A source as the API shows it: the password only as "set" and a fingerprint, never itself. */
public record SourceView(UUID id, UUID orgId, UUID chainId, String name, DatabaseView database, String schema,
                         String table, Map<String, String> metrics, List<String> tags, boolean enabled,
                         Instant createdAt, SourceStatus status) {

    /** The connection without its secret. */
    public record DatabaseView(String jdbcUrl, String username, boolean passwordSet, String passwordFingerprint) {
    }

    static SourceView of(CdcSource s, SourceStatus status) {
        return new SourceView(s.id(), s.orgId(), s.chainId(), s.name(),
                new DatabaseView(s.jdbcUrl(), s.username(), true, s.passwordFingerprint()),
                s.schema(), s.table(), s.metrics(), s.tags(), s.enabled(), s.createdAt(), status);
    }
}
