package io.chainwatch.collector.target;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.RegistryIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The nodes of this instance's assigned partitions of {@code chainwatch.targets}: node id → (partition, target).
 * Every change is passed on to the {@link TargetObserver}. Thread-safe; changes are serialized.
 *
 * <p>The records' keys are node ids as a UUID's text: a key is parsed here, and a tombstone whose key is not a UUID is
 * logged and ignored.
 */
@Component
public class AssignedTargets {

    private static final Logger log = LoggerFactory.getLogger(AssignedTargets.class);

    /** A node held by this instance, with the partition its record came from. */
    public record Assigned(int partition, NodeTarget target) {
    }

    private final Map<UUID, Assigned> byNode = new ConcurrentHashMap<>();
    private final TargetObserver observer;

    public AssignedTargets(TargetObserver observer) {
        this.observer = observer;
    }

    /**
     * Partitions were assigned: they are about to be re-read from the beginning, so any node still held for them
     * is dropped first and the re-read rebuilds the list.
     */
    public synchronized void partitionsAssigned(Collection<Integer> partitions) {
        dropPartitions(Set.copyOf(partitions), "assigned again");
    }

    /** Partitions were revoked (or lost): their nodes are another instance's now. */
    public synchronized void partitionsRevoked(Collection<Integer> partitions) {
        dropPartitions(Set.copyOf(partitions), "revoked");
    }

    /**
     * Applies one record of the targets topic.
     *
     * @param partition the record's partition
     * @param key       the record's key (the node id, a UUID's text)
     * @param target    the record's value, or {@code null} for a tombstone (the node was deleted)
     */
    public synchronized void apply(int partition, String key, NodeTarget target) {
        UUID keyId = nodeId(key);
        if (target == null) {
            if (key == null) {
                log.warn("tombstone without a key on partition {} ignored", partition);
                return;
            }
            if (keyId == null) {
                log.warn("tombstone on partition {} ignored: its key {} is not a node id (a UUID)", partition, key);
                return;
            }
            if (byNode.remove(keyId) != null) {
                log.info("node {} deleted: polling stops", keyId);
                observer.deactivate(keyId);
            }
            return;
        }
        if (target.nodeId() == null) {
            log.warn("target without a node id on partition {} (key {}) ignored", partition, key);
            return;
        }
        if (key != null && !target.nodeId().equals(keyId)) {
            log.warn("target key {} differs from its node id {}; using the node id", key, target.nodeId());
        }
        Assigned held = byNode.get(target.nodeId());
        if (held != null) {
            if (target.version() < held.target().version()) {
                log.debug("node {} version {} older than held {}: ignored",
                        target.nodeId(), target.version(), held.target().version());
                return;
            }
            if (held.target().equals(target) && held.partition() == partition) {
                return;
            }
        }
        byNode.put(target.nodeId(), new Assigned(partition, target));
        log.info("node {} ({}, {}) version {} at {}: polled every {} ms", target.nodeId(), target.nodeName(),
                target.chainName(), target.version(), target.rpcUrl(), target.pollIntervalMs());
        observer.activate(target);
    }

    /** The nodes held now. */
    public Map<UUID, Assigned> snapshot() {
        return Map.copyOf(byNode);
    }

    private void dropPartitions(Set<Integer> partitions, String why) {
        List<UUID> dropped = new ArrayList<>();
        byNode.forEach((nodeId, assigned) -> {
            if (partitions.contains(assigned.partition())) {
                dropped.add(nodeId);
            }
        });
        for (UUID nodeId : dropped) {
            if (byNode.remove(nodeId) != null) {
                observer.deactivate(nodeId);
            }
        }
        if (!dropped.isEmpty()) {
            log.info("partitions {} {}: stopped polling {} node(s)", partitions, why, dropped.size());
        }
    }

    /**
     * The node id a record's key stands for: its UUID, or {@code null} when there is no key or it is not a UUID in its
     * canonical text (8-4-4-4-12 hex digits, either case).
     */
    static UUID nodeId(String key) {
        if (key == null) {
            return null;
        }
        try {
            return RegistryIds.parse(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "AssignedTargets" + Objects.toString(byNode.keySet());
    }
}
