package io.chainwatch.events;

/** Kafka topic names. */
public final class Topics {

    /**
     * Monitored nodes, compacted, key = node id, value = {@link NodeTarget} JSON; a null value (tombstone)
     * means the node was deleted. Written by the registry's outbox relay; read by collectors as a consumer
     * group (each instance polls the nodes of its assigned partitions) and by the alert service in full.
     */
    public static final String TARGETS = "chainwatch.targets";

    /** One {@link NodeSample} per poll of one node, key = chain id so one chain's nodes stay together. */
    public static final String SAMPLES = "chainwatch.samples";

    /** {@link OrgNotification}s from the registry to organizations' people, key = organization id. */
    public static final String NOTIFICATIONS = "chainwatch.notifications";

    private Topics() {
    }
}
