package io.chainwatch.alert.rule.nodeunreachable;

import java.time.Instant;
import java.util.List;

import io.chainwatch.alert.evaluate.Condition;
import io.chainwatch.alert.evaluate.ConditionScope;
import io.chainwatch.alert.evaluate.Series;
import io.chainwatch.alert.lifecycle.FiringAlert;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.PollOutcome;

/**
 * {@code node_unreachable}, per registered node: fires when the node's latest poll failed — no answer, a refused
 * connection, a bad answer, or {@link PollOutcome#ERRORING} (every call answered with a JSON-RPC error) — and the
 * failures started (as received here) at least forSeconds ago, confirmed by a failed sample received at or after
 * that deadline (an immediate poll is asked for; after the bounded wait it decides on what is known); or when no
 * sample at all arrived for max(forSeconds, freshness window), counted from the last sample or from when this
 * instance learned of the node (startup grace). Resolves when the node answers again. For an erroring node the
 * summary says "erroring" with the error's code and message.
 */
public final class NodeUnreachableCondition implements Condition<NodeUnreachableRule> {

    @Override
    public void evaluate(NodeUnreachableRule rule, ConditionScope scope) {
        long forMs = rule.forSeconds() * 1000L;
        long now = scope.now();
        for (Series node : scope.nodes(true)) {
            if (!node.registered()) {
                continue; // only registered nodes: a node known from samples alone may be a deleted one
            }
            String fp = scope.key(node, null);
            FiringAlert current = scope.firing(fp);
            NodeSample last = node.nodeLast();
            boolean failing = last != null && !last.up();
            long failingSince = node.failingSinceMs();
            Long restoredSince = scope.restored(fp);
            if (restoredSince != null) {
                if (current != null || scope.nodeAnswering(node)) {
                    scope.dropRestored(fp);
                } else if (failing && restoredSince < failingSince) {
                    failingSince = restoredSince; // the same outage, counted from before the restart
                }
            }
            if (current != null) {
                if (scope.nodeAnswering(node)) {
                    scope.resolve(fp, node, null, "Node " + node.name() + " answers again (sample of "
                            + Instant.ofEpochMilli(last.polledAtMs()) + " OK"
                            + (node.lastFailure() == PollOutcome.ERRORING ? "; it was " + NodeUnreachableTexts.WAS_ERRORING
                                    : "") + ")", List.of(node));
                }
                continue;
            }
            if (failing && now - failingSince < forMs) {
                scope.pending(fp, failingSince, node);
                scope.wakeAt(failingSince + forMs);
                continue;
            }
            Long downSince;
            if (failing) {
                long deadline = failingSince + forMs;
                if (!scope.confirmed(fp, deadline, node.lastReceivedMs(), List.of(node.nodeId()), true)) {
                    scope.pending(fp, failingSince, node);
                    continue;
                }
                downSince = failingSince;
            } else {
                downSince = scope.downSince(node, forMs);
            }
            if (downSince == null) {
                continue;
            }
            Instant since = Instant.ofEpochMilli(downSince);
            String why;
            String state = "unreachable";
            if (last == null) {
                why = "no sample has arrived since " + since;
            } else if (last.up()) {
                why = "no sample has arrived since " + Instant.ofEpochMilli(node.lastReceivedMs());
            } else if (last.outcome() == PollOutcome.ERRORING) {
                state = "erroring";
                why = "every call answered with an error since " + since
                        + (last.error() == null ? "" : " (" + last.error() + ")");
            } else {
                why = "polls fail since " + since + " (" + last.outcome()
                        + (last.error() == null ? "" : ": " + last.error()) + ")";
            }
            scope.fire(fp, node, null, downSince, "Node " + node.name() + " " + state + ": " + why, null,
                    List.of(node));
        }
    }
}
