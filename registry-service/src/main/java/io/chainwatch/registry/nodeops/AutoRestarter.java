package io.chainwatch.registry.nodeops;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.SampleCodec;
import io.chainwatch.events.Topics;
import io.chainwatch.registry.node.Node;
import io.chainwatch.registry.node.NodeService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The auto-restart policy at work (see the package description): follows each policy node's samples and, every
 * {@code chainwatch.registry.auto-restart.check-interval}, restarts the nodes that have been failing long enough.
 */
@Component
class AutoRestarter {

    private static final Logger log = LoggerFactory.getLogger(AutoRestarter.class);

    /** What the samples say about one node: failing since (poll time, ms; 0 = answering) and the last poll. */
    private static final class State {
        volatile long downSinceMs;
        volatile long lastFailedMs;
        volatile boolean limitedReported;
    }

    private final Map<UUID, State> states = new ConcurrentHashMap<>();
    private volatile Map<UUID, AutoRestartPolicy> policies = Map.of();
    private final NodeOperationsRepository repository;
    private final NodeOperationsService operations;
    private final NodeService nodes;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    AutoRestarter(NodeOperationsRepository repository, NodeOperationsService operations, NodeService nodes,
            TransactionTemplate transaction, JsonMapper json) {
        this.repository = repository;
        this.operations = operations;
        this.nodes = nodes;
        this.transaction = transaction;
        this.json = json;
    }

    @KafkaListener(topics = Topics.SAMPLES, groupId = "chainwatch-registry-auto-restart",
            autoStartup = "${chainwatch.registry.auto-restart.enabled:true}",
            properties = {"auto.offset.reset=latest",
                    "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer"})
    void sample(byte[] value) {
        NodeSample sample;
        try {
            sample = SampleCodec.read(value, bytes -> json.readValue(bytes, NodeSample.class));
            if (sample.nodeId() == null || sample.channel() != null) {
                return;
            }
        } catch (RuntimeException e) {
            return;
        }
        UUID nodeId = sample.nodeId();
        if (!policies.containsKey(nodeId)) {
            return;
        }
        State state = states.computeIfAbsent(nodeId, id -> new State());
        if (sample.up()) {
            state.downSinceMs = 0;
            state.limitedReported = false;
        } else {
            if (state.downSinceMs == 0) {
                state.downSinceMs = sample.polledAtMs();
            }
            state.lastFailedMs = Math.max(state.lastFailedMs, sample.polledAtMs());
        }
    }

    /** Reloads the policies and restarts every node down for longer than its policy allows. */
    @Scheduled(fixedDelayString = "${chainwatch.registry.auto-restart.check-interval:5s}")
    void check() {
        policies = transaction.execute(s -> repository.enabledPolicies());
        states.keySet().retainAll(policies.keySet());
        for (Map.Entry<UUID, State> entry : states.entrySet()) {
            AutoRestartPolicy policy = policies.get(entry.getKey());
            State state = entry.getValue();
            long down = state.downSinceMs;
            if (policy == null || down == 0 || state.lastFailedMs - down < policy.afterSeconds() * 1000L) {
                continue;
            }
            try {
                restart(entry.getKey(), policy, state);
            } catch (RuntimeException e) {
                log.warn("automatic restart of node {} failed: {}", entry.getKey(), e.getMessage());
            }
        }
    }

    private void restart(UUID nodeId, AutoRestartPolicy policy, State state) {
        Node node = transaction.execute(s -> nodes.get(nodeId));
        String since = Instant.ofEpochMilli(state.downSinceMs) + " (" + Duration.ofMillis(state.lastFailedMs
                - state.downSinceMs).toSeconds() + " s of failed polls, policy " + policy.afterSeconds() + " s)";
        long recent = transaction.execute(s -> repository.automaticRestartsSince(nodeId,
                Instant.now().minus(Duration.ofHours(1))));
        if (recent >= policy.maxPerHour()) {
            if (!state.limitedReported) {
                state.limitedReported = true;
                operations.limited(node, "down since " + since + "; already " + recent + " automatic restarts in the "
                        + "last hour (limit " + policy.maxPerHour() + ")");
            }
            return;
        }
        // a new outage window starts after the restart: the node must fail for afterSeconds again
        state.downSinceMs = 0;
        state.lastFailedMs = 0;
        operations.run(nodeId, "restart", true, "down since " + since);
    }
}
