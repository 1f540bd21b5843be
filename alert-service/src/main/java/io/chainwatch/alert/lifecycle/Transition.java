package io.chainwatch.alert.lifecycle;

import java.time.Instant;
import java.util.UUID;

import io.chainwatch.alert.rule.Rule;

/**
 * An alert changing state.
 *
 * @param fingerprint    the alert's key: hash of rule, chain and node
 * @param rule           the rule concerned
 * @param to             the new state
 * @param nodeId         the node for node rules, null for chain rules
 * @param nodeName       the node's name, null for chain rules
 * @param conditionSince since when the condition held (FIRING) or since when the alert fired (RESOLVED)
 * @param startedAt      when the alert fired (for RESOLVED: as far as this instance knows)
 * @param at             when this transition happens
 * @param summary        one line saying what happened
 * @param snapshot       current values
 */
public record Transition(
        String fingerprint,
        Rule rule,
        AlertStatus to,
        UUID nodeId,
        String nodeName,
        Instant conditionSince,
        Instant startedAt,
        Instant at,
        String summary,
        Snapshot snapshot) {

    /** The chain of the alert: the rule's, or — for a rule scoped to an alliance without a chain — the snapshot's. */
    public java.util.UUID chainId() {
        return rule.chainId() != null ? rule.chainId() : snapshot.chainId();
    }
}
