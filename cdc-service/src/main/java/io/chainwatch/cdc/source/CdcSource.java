package io.chainwatch.cdc.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A configured source as stored. {@code passwordCipher} is the encrypted password.
 *
 * @param metrics numeric column → metric (reading) name
 * @param tags    columns whose values go into the sample's info as tags
 */
public record CdcSource(UUID id, UUID orgId, UUID chainId, String name, String jdbcUrl, String username,
                        String passwordCipher, String passwordFingerprint, String schema, String table,
                        Map<String, String> metrics, List<String> tags, boolean enabled, Instant createdAt) {

    /** The logical-replication publication and slot names of this source on the source database. */
    public String replicationName() {
        return "chainwatch_" + id.toString().replace("-", "");
    }
}
