/**
 * The poll schedule: every active node is polled on its own interval, on a bounded pool, one poll per node at a
 * time; a failing node backs off. A chain type plugs in as a {@link io.chainwatch.collector.poll.ChainProbe}, an
 * addition for every node (metrics scraping) as a {@link io.chainwatch.collector.poll.ProbeDecorator}; results go to
 * every {@link io.chainwatch.collector.poll.SampleListener} (Kafka, metrics).
 */
package io.chainwatch.collector.poll;
