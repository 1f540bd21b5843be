package io.chainwatch.alert.evaluate;

import java.util.List;
import java.util.UUID;

import io.chainwatch.events.NodeSample;

/**
 * What is known about a chain outside an evaluation, for {@link Condition#notes}.
 *
 * @param chainId the chain
 * @param latest  the latest sample of every series (node, or node and Fabric channel) of the chain, of the rule's
 *                organization; empty when none has arrived
 */
public record ChainFacts(UUID chainId, List<NodeSample> latest) {
}
