package io.chainwatch.testkit;

import java.util.Map;

/**
 * How a test's embedded Kafka broker (KRaft, one node) is set up. Both kinds balance consumer groups at once (no
 * initial rebalance delay) and allow transactions on a single broker.
 */
public enum Broker {

    /** No broker. */
    NONE(0, Map.of()),

    /**
     * As in production: a topic exists only when a service declares it ({@code chainwatch.topics.declared}); a topic
     * created without settings gets 6 partitions.
     */
    DECLARED_TOPICS(6, Map.of("auto.create.topics.enable", "false")),

    /**
     * Topics are created on first use with 1 partition, for tests that publish what a service does not declare
     * itself (samples, as a collector would) and read back in order.
     */
    AUTO_CREATED_TOPICS(1, Map.of("auto.create.topics.enable", "true"));

    private static final Map<String, String> COMMON = Map.of(
            "group.initial.rebalance.delay.ms", "0",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1");

    private final int partitions;
    private final Map<String, String> properties;

    Broker(int partitions, Map<String, String> properties) {
        this.partitions = partitions;
        this.properties = properties;
    }

    /** Partitions of a topic created without settings. */
    public int partitions() {
        return partitions;
    }

    /** The broker's properties. */
    public Map<String, String> brokerProperties() {
        java.util.HashMap<String, String> all = new java.util.HashMap<>(COMMON);
        all.putAll(properties);
        return Map.copyOf(all);
    }
}
