package io.chainwatch.collector.poll;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.target.TargetObserver;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Polls every active node every {@code pollIntervalMs}. One ticker thread fires each node's tick; the poll itself
 * runs on a pool of {@code maxConcurrentPolls} threads, so a slow node does not delay the others. A node whose
 * previous poll is still running skips that tick instead of queueing a second poll. A failing node (TIMEOUT,
 * REFUSED, BAD_RESPONSE) backs off: after its second failure in a row the pause before its next poll doubles from
 * its interval up to {@code backoff-max}, so that dead nodes do not hold the pool's threads; one OK poll ends it.
 * A node backing off because it refused connections (its process is down), answered only errors or answered badly
 * is still asked at its interval, by the probe's cheap check that holds no thread ({@link NodeProbe#answersAgain}),
 * whether it answers again: when it does, the back-off ends and the node is polled at once, so that a restarted or
 * repaired node is seen within about one interval rather than up to {@code backoff-max} later.
 */
@Component
public class PollScheduler implements TargetObserver, DisposableBean {

    /** Shortest interval a node is polled at, whatever its target says. */
    static final long MIN_INTERVAL_MS = 100;

    private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);

    private final List<ChainProbe> probes;
    private final List<SampleListener> listeners;
    private final List<ProbeDecorator> decorators;
    private final ScheduledExecutorService ticker;
    private final ExecutorService pool;
    private final Map<UUID, PolledNode> nodes = new ConcurrentHashMap<>();
    private final long backoffMaxNanos;
    private final LongAdder pollsStarted = new LongAdder();
    private final LongAdder skippedBusy = new LongAdder();
    private final LongAdder skippedBackoff = new LongAdder();
    private final LongAdder newsPolls = new LongAdder();

    /**
     * Counts since start: polls started, ticks skipped because the node's previous poll still ran or it backs off,
     * and the polls asked for at once between ticks: by a probe's news ({@link NodeProbe#onNews}), or by a node found
     * answering again during its back-off ({@link NodeProbe#answersAgain}).
     */
    public record Stats(long pollsStarted, long skippedBusy, long skippedBackoff, long newsPolls) {
    }

    public PollScheduler(List<ChainProbe> probes, List<SampleListener> listeners, CollectorProperties properties) {
        this(probes, listeners, List.of(), properties);
    }

    @Autowired
    public PollScheduler(List<ChainProbe> probes, List<SampleListener> listeners, List<ProbeDecorator> decorators,
                         CollectorProperties properties) {
        this.probes = List.copyOf(probes);
        this.decorators = List.copyOf(decorators);
        this.backoffMaxNanos = properties.backoffMax().toNanos();
        this.listeners = List.copyOf(listeners);
        ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(1, daemonThreads("poll-ticker-"));
        scheduled.setRemoveOnCancelPolicy(true);
        this.ticker = scheduled;
        // at most one queued or running poll per node (see PolledNode.inFlight), so the queue never exceeds the node count
        this.pool = new ThreadPoolExecutor(properties.maxConcurrentPolls(), properties.maxConcurrentPolls(),
                60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads("poll-"));
    }

    @Override
    public synchronized void activate(NodeTarget target) {
        PolledNode existing = nodes.remove(target.nodeId());
        NodeProbe raw = probes.stream()
                .filter(p -> p.supports(target.platform()))
                .findFirst()
                .map(p -> p.open(target))
                .orElseGet(() -> new UnsupportedPlatformProbe(target));
        if (existing != null) {
            // an edit: the new probe continues the old one's counts, the listeners keep the node's counters
            stop(existing, raw, target);
        }
        NodeProbe probe = raw;
        for (ProbeDecorator decorator : decorators) {
            probe = decorator.decorate(target, probe);
        }
        long interval = Math.max(MIN_INTERVAL_MS, target.pollIntervalMs());
        PolledNode node = new PolledNode(target, raw, probe, interval);
        // news between polls (a stalled chain going on): polled at once, while this version of the node is polled
        raw.onNews(() -> {
            if (nodes.get(target.nodeId()) == node) {
                newsPolls.increment();
                startNow(node);
            }
        });
        node.tick = ticker.scheduleAtFixedRate(() -> tick(node), 0, interval, TimeUnit.MILLISECONDS);
        nodes.put(target.nodeId(), node);
    }

    @Override
    public synchronized void deactivate(UUID nodeId) {
        PolledNode node = nodes.remove(nodeId);
        if (node != null) {
            stop(node, null, null);
        }
    }

    /**
     * Polls at once the nodes of chain {@code chainId} that this instance polls: those listed, or all of the chain's
     * when {@code nodeIds} is empty. A node whose poll is running already is not polled again (that poll's sample is
     * the fresh one); a node backing off is polled all the same, once. Returns how many polls were started.
     */
    public int pollNow(UUID chainId, Collection<UUID> nodeIds) {
        int started = 0;
        for (PolledNode node : nodes.values()) {
            if (!chainId.equals(node.target.chainId())
                    || (!nodeIds.isEmpty() && !nodeIds.contains(node.target.nodeId()))) {
                continue;
            }
            if (startNow(node)) {
                started++;
            }
        }
        return started;
    }

    /** Starts a poll of {@code node} now unless one is in flight (coalesced with it); whether one was started. */
    private boolean startNow(PolledNode node) {
        if (!node.inFlight.compareAndSet(false, true)) {
            return false;
        }
        pollsStarted.increment();
        try {
            pool.execute(() -> poll(node));
            return true;
        } catch (RejectedExecutionException e) {
            node.inFlight.set(false);
            return false;
        }
    }

    /** Polls and skipped ticks since start. */
    public Stats stats() {
        return new Stats(pollsStarted.sum(), skippedBusy.sum(), skippedBackoff.sum(), newsPolls.sum());
    }

    /** Ids of the nodes being polled now. */
    public Set<UUID> activeNodeIds() {
        return Set.copyOf(nodes.keySet());
    }

    @Override
    public synchronized void destroy() {
        ticker.shutdownNow();
        for (UUID nodeId : List.copyOf(nodes.keySet())) {
            deactivate(nodeId);
        }
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("polls still running at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick(PolledNode node) {
        if (node.notBeforeNanos != 0 && System.nanoTime() - node.notBeforeNanos < 0) {
            skippedBackoff.increment();
            checkWhetherBack(node);
            return;
        }
        if (!node.inFlight.compareAndSet(false, true)) {
            skippedBusy.increment();
            log.debug("node {}: previous poll still running, tick skipped", node.target.nodeId());
            return;
        }
        pollsStarted.increment();
        try {
            pool.execute(() -> poll(node));
        } catch (RejectedExecutionException e) {
            node.inFlight.set(false);
        }
    }

    private void poll(PolledNode node) {
        try {
            if (node.closed) {
                return;
            }
            List<NodeSample> samples = node.probe.pollAll(System.currentTimeMillis());
            if (samples.isEmpty()) {
                return;
            }
            backOffIfFailing(node, samples.get(0));
            for (NodeSample sample : samples) {
                deliver(node, sample);
            }
        } catch (RuntimeException e) {
            log.error("poll of node {} failed unexpectedly", node.target.nodeId(), e);
        } finally {
            node.inFlight.set(false);
        }
    }

    /**
     * For a node backing off after a failure that comes fast (refused, erroring, a bad answer): asks the probe's
     * check whether it answers again (one check out at a time); when it does, ends the back-off and polls the node
     * now. A node that timed out waits for its back-off: one that answers a cheap call at once but times out on its
     * polls would otherwise hold a poll thread for a whole timeout at every interval.
     */
    private void checkWhetherBack(PolledNode node) {
        PollOutcome last = node.lastOutcome;
        if (last == null || last == PollOutcome.TIMEOUT || !node.checking.compareAndSet(false, true)) {
            return;
        }
        CompletionStage<Boolean> check;
        try {
            check = node.raw.answersAgain();
        } catch (RuntimeException e) {
            check = null;
        }
        if (check == null) {
            node.checking.set(false);
            return;
        }
        check.whenComplete((answered, failure) -> {
            node.checking.set(false);
            if (Boolean.TRUE.equals(answered) && !node.closed && node.notBeforeNanos != 0) {
                node.notBeforeNanos = 0;
                newsPolls.increment();
                startNow(node);
            }
        });
    }

    private void backOffIfFailing(PolledNode node, NodeSample sample) {
        node.lastOutcome = sample.outcome();
        boolean failed = switch (sample.outcome()) {
            case TIMEOUT, REFUSED, BAD_RESPONSE, ERRORING -> true;
            case OK, UNSUPPORTED -> false;
        };
        if (!failed) {
            node.failures = 0;
            node.notBeforeNanos = 0;
            return;
        }
        node.failures++;
        if (node.failures >= 2) {
            long pause = backoffNanos(node.intervalMs, node.failures, backoffMaxNanos);
            node.notBeforeNanos = System.nanoTime() + pause;
            log.debug("node {}: {} failures in a row, next poll in {} ms", node.target.nodeId(), node.failures,
                    pause / 1_000_000);
        }
    }

    /** The pause after {@code failures} (≥ 2) failures in a row: interval × 2^(failures − 1), at most {@code max}. */
    static long backoffNanos(long intervalMs, int failures, long maxNanos) {
        int doublings = Math.min(failures - 1, 30);
        long pause = TimeUnit.MILLISECONDS.toNanos(intervalMs) << doublings;
        return pause <= 0 ? maxNanos : Math.min(pause, maxNanos);
    }

    private void deliver(PolledNode node, NodeSample sample) {
        synchronized (node) {
            if (node.closed) {
                return;
            }
            for (SampleListener listener : listeners) {
                try {
                    listener.onSample(node.target, sample);
                } catch (RuntimeException e) {
                    log.warn("{} failed on a sample of node {}", listener.getClass().getSimpleName(),
                            node.target.nodeId(), e);
                }
            }
        }
    }

    /**
     * Stops polling {@code node}: removed, or replaced by a new version of its target ({@code replacement}, polled by
     * {@code successor}, the new undecorated probe, which then continues the old one's counts).
     */
    private void stop(PolledNode node, NodeProbe successor, NodeTarget replacement) {
        node.tick.cancel(false);
        if (successor != null) {
            // before closing: a poll in flight ends first (a probe polls one at a time) and its sample is delivered
            try {
                successor.continueFrom(node.raw);
            } catch (RuntimeException e) {
                log.warn("node {}: the new probe could not continue the old one's counts", node.target.nodeId(), e);
            }
        }
        synchronized (node) {
            node.closed = true;
        }
        for (SampleListener listener : listeners) {
            try {
                if (replacement != null) {
                    listener.onNodeReplaced(node.target, replacement);
                } else {
                    listener.onNodeRemoved(node.target);
                }
            } catch (RuntimeException e) {
                log.warn("{} failed on removal of node {}", listener.getClass().getSimpleName(),
                        node.target.nodeId(), e);
            }
        }
        try {
            node.probe.close();
        } catch (RuntimeException e) {
            log.warn("closing the probe of node {} failed", node.target.nodeId(), e);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One node being polled. */
    private static final class PolledNode {
        final NodeTarget target;
        /** The platform's probe, before decoration. */
        final NodeProbe raw;
        final NodeProbe probe;
        final long intervalMs;
        final AtomicBoolean inFlight = new AtomicBoolean();
        volatile boolean closed;
        /** Consecutive failed polls; written by the poll (one at a time per node). */
        int failures;
        /** While backing off: System.nanoTime() before which ticks are skipped; 0 when not backing off. */
        volatile long notBeforeNanos;
        /** The outcome of the node's last poll (its own sample); null before the first. */
        volatile PollOutcome lastOutcome;
        /** Whether a check of {@link NodeProbe#answersAgain} is out. */
        final AtomicBoolean checking = new AtomicBoolean();
        ScheduledFuture<?> tick;

        PolledNode(NodeTarget target, NodeProbe raw, NodeProbe probe, long intervalMs) {
            this.target = target;
            this.raw = raw;
            this.probe = probe;
            this.intervalMs = intervalMs;
        }
    }
}
