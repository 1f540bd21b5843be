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

    /**
     * {@link PollRequest}s: someone (the alert engine confirming a deadline) wants fresh samples of a chain's nodes
     * now, rather than at their next regular poll. Key = chain id. Every collector instance reads all of them and
     * polls the listed nodes it owns at once; the answer arrives as ordinary samples on {@link #SAMPLES}.
     */
    public static final String POLL_REQUESTS = "chainwatch.poll-requests";

    /**
     * {@link AuditEntry}s of every service, key = organization id (or {@code "platform"}); one total order is made
     * of them by the single appender of the tamper-evident log.
     */
    public static final String AUDIT = "chainwatch.audit";

    /**
     * {@link OrganizationLifecycle}s: whether an organization is active or deactivated, compacted, key = organization
     * id. Written by the registry's outbox relay; read in full by the alert service.
     */
    public static final String ORGANIZATIONS = "chainwatch.organizations";

    private Topics() {
    }
}
