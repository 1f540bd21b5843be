/**
 * Which nodes this instance polls. The collectors share {@code chainwatch.targets} as one consumer group; each
 * instance re-reads its assigned partitions from the beginning and keeps the nodes of exactly those partitions
 * ({@link io.chainwatch.collector.target.AssignedTargets}). When an instance stops, the others are assigned its
 * partitions and poll its nodes. Changes reach the poller through {@link io.chainwatch.collector.target.TargetObserver}.
 */
package io.chainwatch.collector.target;
