package io.chainwatch.collector.poll;

import io.chainwatch.events.NodeTarget;

/** Polls the nodes of one chain platform. One implementation per platform, in its own package. */
public interface ChainProbe {

    /** Whether this probe polls nodes of the given platform (as in {@link NodeTarget#platform()}). */
    boolean supports(String platform);

    /** Opens a probe for one node; the caller closes it when the node goes away. */
    NodeProbe open(NodeTarget target);
}
