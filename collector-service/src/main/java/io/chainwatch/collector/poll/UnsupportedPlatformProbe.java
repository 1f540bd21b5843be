package io.chainwatch.collector.poll;

import java.util.List;
import java.util.Map;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;

/** Stands in for a node whose platform no probe supports: every poll says so, as an UNSUPPORTED sample. */
final class UnsupportedPlatformProbe implements NodeProbe {

    private final NodeTarget target;

    UnsupportedPlatformProbe(NodeTarget target) {
        this.target = target;
    }

    @Override
    public NodeSample poll(long polledAtMs) {
        return new NodeSample(target.nodeId(), target.chainId(), target.orgId(), polledAtMs, PollOutcome.UNSUPPORTED,
                "this collector cannot poll nodes of platform " + target.platform(), Map.of(), Map.of(), List.of(), null);
    }

    @Override
    public void close() {
    }
}
