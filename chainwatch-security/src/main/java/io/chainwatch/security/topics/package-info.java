/**
 * The Kafka topics of ChainWatch with their settings (partitions, compaction, replicas), declared in one place:
 * {@link io.chainwatch.security.topics.ChainwatchTopics} is the catalogue, {@link
 * io.chainwatch.security.topics.TopicsAutoConfiguration} declares the topics a service lists in
 * {@code chainwatch.topics.declared} as {@code NewTopic}s, so whichever service starts first creates them right and
 * none is ever auto-created with broker defaults. Settings come from {@code chainwatch.topics.*}
 * ({@link io.chainwatch.security.topics.TopicsProperties}). {@link
 * io.chainwatch.security.topics.OrganizationLifecycleReader} reads the organizations topic for every consumer of it.
 */
package io.chainwatch.security.topics;
