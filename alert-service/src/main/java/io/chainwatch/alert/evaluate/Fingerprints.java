package io.chainwatch.alert.evaluate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Stable alert keys: SHA-256 of rule id, chain id and node id (empty for chain-level alerts), hex, 32 chars. An
 * alert about one Fabric channel adds {@code #channel} to the node part; without a channel the node part is the node id
 * alone, so the keys of alerts about a node's own series are unchanged by adding channel support.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String of(UUID ruleId, UUID chainId, UUID nodeId) {
        return of(ruleId, chainId, nodeId, null);
    }

    public static String of(UUID ruleId, UUID chainId, UUID nodeId, String channel) {
        String key = ruleId + "|" + chainId + "|" + (nodeId == null ? "" : nodeId)
                + (channel == null ? "" : "#" + channel);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
