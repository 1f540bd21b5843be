package io.chainwatch.registry.ledger.anchor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The data of an anchoring transaction: the ASCII bytes {@code CWSTH1}, the tree size (uint64, big-endian) and the
 * 32-byte root hash — 46 bytes (docs/adr/0006-ledger-anchoring-in-transaction-data.md).
 */
public final class AnchorPayload {

    static final byte[] MAGIC = "CWSTH1".getBytes(StandardCharsets.US_ASCII);
    static final int LENGTH = MAGIC.length + 8 + 32;

    private AnchorPayload() {
    }

    public static byte[] encode(long treeSize, byte[] root) {
        return ByteBuffer.allocate(LENGTH).put(MAGIC).putLong(treeSize).put(root).array();
    }

    /** Tree size and root, if {@code data} is an anchoring payload. */
    public static Optional<Object[]> decode(byte[] data) {
        if (data == null || data.length != LENGTH || !Arrays.equals(Arrays.copyOf(data, MAGIC.length), MAGIC)) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(data, MAGIC.length, 40);
        long size = buffer.getLong();
        byte[] root = new byte[32];
        buffer.get(root);
        return Optional.of(new Object[] {size, root});
    }
}
