package io.chainwatch.collector.target;

import java.util.UUID;

import io.chainwatch.events.NodeTarget;

/** Told when a node starts or stops being one of this instance's nodes. Calls come from one thread at a time. */
public interface TargetObserver {

    /** The node is (now) polled with these settings: start polling it, or restart it if its settings changed. */
    void activate(NodeTarget target);

    /** The node is no longer this instance's: stop polling it and forget it. Unknown ids are ignored. */
    void deactivate(UUID nodeId);
}
