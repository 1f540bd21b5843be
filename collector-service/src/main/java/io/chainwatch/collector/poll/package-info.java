/**
 * The poll schedule: every active node is polled on its own interval, on a bounded pool, one poll per node at a
 * time; a failing node backs off, but is polled at once when the probe's cheap check finds it answering again
 * ({@link io.chainwatch.collector.poll.NodeProbe#answersAgain}), as it is when the probe learns news between polls
 * (a new block after a silence, {@link io.chainwatch.collector.poll.NodeProbe#onNews}). An edited node (a new version of its target) is polled by a new probe that
 * continues the old one ({@link io.chainwatch.collector.poll.NodeProbe#continueFrom}), and its listeners keep what
 * they hold for it ({@link io.chainwatch.collector.poll.SampleListener#onNodeReplaced}). Immediate polls asked for on {@code chainwatch.poll-requests}
 * ({@link io.chainwatch.collector.poll.PollRequestsConsumer}, every instance reading every request) start a poll of
 * the nodes this instance owns at once ({@link io.chainwatch.collector.poll.PollScheduler#pollNow}). A chain type
 * plugs in as a {@link io.chainwatch.collector.poll.ChainProbe}, an addition for every node (metrics scraping) as a
 * {@link io.chainwatch.collector.poll.ProbeDecorator}; results go to every
 * {@link io.chainwatch.collector.poll.SampleListener} (Kafka, metrics, and
 * {@link io.chainwatch.collector.poll.NodeStateLog}: one WARN line per node per change of state, its URL shown
 * without credentials by {@link io.chainwatch.collector.poll.Urls}).
 */
package io.chainwatch.collector.poll;
