package io.chainwatch.collector.poll;

import java.util.List;
import java.util.Map;
import java.util.Set;
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

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.target.TargetObserver;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Polls every active node every {@code pollIntervalMs}. One ticker thread fires each node's tick; the poll itself
 * runs on a pool of {@code maxConcurrentPolls} threads, so a slow node does not delay the others. A node whose
 * previous poll is still running skips that tick instead of queueing a second poll.
 */
@Component
public class PollScheduler implements TargetObserver, DisposableBean {

    /** Shortest interval a node is polled at, whatever its target says. */
    static final long MIN_INTERVAL_MS = 100;

    private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);

    private final List<ChainProbe> probes;
    private final List<SampleListener> listeners;
    private final ScheduledExecutorService ticker;
    private final ExecutorService pool;
    private final Map<String, PolledNode> nodes = new ConcurrentHashMap<>();

    public PollScheduler(List<ChainProbe> probes, List<SampleListener> listeners, CollectorProperties properties) {
        this.probes = List.copyOf(probes);
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
        if (existing != null) {
            stop(existing);
        }
        NodeProbe probe = probes.stream()
                .filter(p -> p.supports(target.platform()))
                .findFirst()
                .map(p -> p.open(target))
                .orElseGet(() -> new UnsupportedPlatformProbe(target));
        PolledNode node = new PolledNode(target, probe);
        long interval = Math.max(MIN_INTERVAL_MS, target.pollIntervalMs());
        node.tick = ticker.scheduleAtFixedRate(() -> tick(node), 0, interval, TimeUnit.MILLISECONDS);
        nodes.put(target.nodeId(), node);
    }

    @Override
    public synchronized void deactivate(String nodeId) {
        PolledNode node = nodes.remove(nodeId);
        if (node != null) {
            stop(node);
        }
    }

    /** Ids of the nodes being polled now. */
    public Set<String> activeNodeIds() {
        return Set.copyOf(nodes.keySet());
    }

    @Override
    public synchronized void destroy() {
        ticker.shutdownNow();
        for (String nodeId : List.copyOf(nodes.keySet())) {
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
        if (!node.inFlight.compareAndSet(false, true)) {
            log.debug("node {}: previous poll still running, tick skipped", node.target.nodeId());
            return;
        }
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
            NodeSample sample = node.probe.poll(System.currentTimeMillis());
            deliver(node, sample);
        } catch (RuntimeException e) {
            log.error("poll of node {} failed unexpectedly", node.target.nodeId(), e);
        } finally {
            node.inFlight.set(false);
        }
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

    private void stop(PolledNode node) {
        node.tick.cancel(false);
        synchronized (node) {
            node.closed = true;
        }
        for (SampleListener listener : listeners) {
            try {
                listener.onNodeRemoved(node.target);
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
        final NodeProbe probe;
        final AtomicBoolean inFlight = new AtomicBoolean();
        volatile boolean closed;
        ScheduledFuture<?> tick;

        PolledNode(NodeTarget target, NodeProbe probe) {
            this.target = target;
            this.probe = probe;
        }
    }
}
