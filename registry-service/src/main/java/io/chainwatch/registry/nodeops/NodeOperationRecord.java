package io.chainwatch.registry.nodeops;

import java.time.Instant;
import java.util.UUID;

/** One operation on a node, as stored and as the API returns it; outcome DONE, FAILED or LIMITED. */
public record NodeOperationRecord(long id, UUID nodeId, String operation, boolean automatic, String outcome,
        String detail, Instant at) {
}
