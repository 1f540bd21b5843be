/**
 * Kafka input. {@link io.chainwatch.alert.ingest.TargetsReader} reads every partition of
 * {@code chainwatch.targets} from the beginning on its own thread, without a consumer group, so every instance
 * knows every node (also one that never sends a sample). {@link io.chainwatch.alert.ingest.SamplesListener}
 * consumes {@code chainwatch.samples} as group {@code chainwatch-alert}; {@link io.chainwatch.alert.ingest.ChainOwnership}
 * tracks which chains' samples this instance receives, so each chain is evaluated by exactly one instance.
 * Targets are JSON; samples are in their binary form ({@link io.chainwatch.events.SampleCodec}), or JSON from a
 * collector not upgraded yet, read as bytes by {@link io.chainwatch.alert.ingest.SampleReader} (Jackson's streaming
 * parser, field by field); a malformed record is logged and skipped.
 * {@link io.chainwatch.alert.ingest.GroupMembership} makes this instance a static member of its consumer groups
 * ({@code group.instance.id}), so a restarted instance gets its partitions back at once.
 * {@link io.chainwatch.alert.ingest.KnownChains} remembers each chain's organization from the targets, for checking
 * the chain a rule names.
 */
package io.chainwatch.alert.ingest;
