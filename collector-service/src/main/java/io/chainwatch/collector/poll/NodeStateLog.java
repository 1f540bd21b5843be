package io.chainwatch.collector.poll;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One WARN line per node per change of state, never one per poll: {@code up}, {@code erroring} (the node answers
 * every call with a JSON-RPC error), {@code unreachable} (timeout, refused, not JSON-RPC) or {@code unsupported}. A
 * line names the node, its URL without credentials ({@link Urls#withoutCredentials}) and the reason (the poll's
 * error); a node whose first poll is up, and a node that stays in its state with another reason, log nothing.
 * Per-channel samples (Fabric) are left to their probe.
 */
@Component
public class NodeStateLog implements SampleListener {

    private static final Logger log = LoggerFactory.getLogger(NodeStateLog.class);

    /** What a person reading the log calls the node's state after a poll. */
    enum State {
        UP, ERRORING, UNREACHABLE, UNSUPPORTED;

        static State of(PollOutcome outcome) {
            return switch (outcome) {
                case OK -> UP;
                case ERRORING -> ERRORING;
                case TIMEOUT, REFUSED, BAD_RESPONSE -> UNREACHABLE;
                case UNSUPPORTED -> UNSUPPORTED;
            };
        }

        String shown() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Map<UUID, State> states = new ConcurrentHashMap<>();

    @Override
    public void onSample(NodeTarget target, NodeSample sample) {
        if (sample.channel() != null) {
            return;
        }
        State state = State.of(sample.outcome());
        State before = states.put(target.nodeId(), state);
        if (before == state || (before == null && state == State.UP)) {
            return;
        }
        String url = Urls.withoutCredentials(target.rpcUrl() != null ? target.rpcUrl() : target.metricsUrl());
        if (before == null) {
            log.warn("node {} ({}) of chain {} is {}: {}", target.nodeName(), url, target.chainName(), state.shown(),
                    sample.error());
        } else if (state == State.UP) {
            log.warn("node {} ({}) of chain {}: {} → up (recovered)", target.nodeName(), url, target.chainName(),
                    before.shown());
        } else {
            log.warn("node {} ({}) of chain {}: {} → {}: {}", target.nodeName(), url, target.chainName(),
                    before.shown(), state.shown(), sample.error());
        }
    }

    @Override
    public void onNodeRemoved(NodeTarget target) {
        states.remove(target.nodeId());
    }

    /** An edited node keeps its state: only a change after the edit is logged. */
    @Override
    public void onNodeReplaced(NodeTarget before, NodeTarget after) {
    }
}
