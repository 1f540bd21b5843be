package io.chainwatch.collector.poll;

import io.chainwatch.events.NodeTarget;

/**
 * Adds to every node's probe, whatever its platform (e.g. scraping the node's own metrics endpoint). Applied by the
 * scheduler when a node is activated; returns the probe unchanged when it has nothing to add for that node.
 */
public interface ProbeDecorator {

    NodeProbe decorate(NodeTarget target, NodeProbe probe);
}
