package io.chainwatch.collector.ethereum;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens the nodes' {@link HeadSubscription}s and owns what they share: a small pool that connects (so connecting
 * never runs on a poll thread; when it is busy an attempt waits for a later poll) and a timer that abandons
 * connects that take longer than the poll timeout.
 */
final class HeadSubscriptions implements AutoCloseable {

    private static final int CONNECTORS = 4;

    private final Duration timeout;
    private final Duration retry;
    private final ExecutorService connector;
    private final ScheduledExecutorService timer;

    HeadSubscriptions(Duration timeout, Duration retry) {
        this.timeout = timeout;
        this.retry = retry;
        AtomicInteger count = new AtomicInteger();
        this.connector = new ThreadPoolExecutor(0, CONNECTORS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread thread = new Thread(r, "ws-connect-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "ws-timer");
            thread.setDaemon(true);
            return thread;
        });
        scheduled.setRemoveOnCancelPolicy(true);
        this.timer = scheduled;
    }

    HeadSubscription open(String nodeId, String rpcUrl, HeadTracker tracker) {
        return new HeadSubscription(nodeId, HeadSubscription.websocketUri(rpcUrl), tracker, timeout, retry, connector,
                timer);
    }

    @Override
    public void close() {
        connector.shutdownNow();
        timer.shutdownNow();
    }
}
