package io.chainwatch.alert.evaluate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** Stable alert keys: SHA-256 of rule id, chain id and node id (empty for chain-level alerts), hex, 32 chars. */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String of(UUID ruleId, String chainId, String nodeId) {
        String key = ruleId + "|" + chainId + "|" + (nodeId == null ? "" : nodeId);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
