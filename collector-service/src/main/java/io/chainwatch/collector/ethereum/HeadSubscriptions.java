package io.chainwatch.collector.ethereum;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens the nodes' {@link HeadSubscription}s and owns what they share: one JDK {@link HttpClient} (its selector
 * thread serves every WebSocket connection; {@link #THREADS} threads deliver their messages) and a timer that abandons
 * subscriptions not made within the poll timeout. A subscription costs its connection and buffers, no thread.
 */
final class HeadSubscriptions implements AutoCloseable {

    /** Threads that run the WebSocket listeners (parse a head, hand it to the node's tracker). */
    static final int THREADS = 2;

    private final Duration timeout;
    private final Duration retry;
    private final ExecutorService executor;
    private final HttpClient client;
    private final ScheduledExecutorService timer;

    HeadSubscriptions(Duration timeout, Duration retry) {
        this.timeout = timeout;
        this.retry = retry;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "ws-heads-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "ws-timer");
            thread.setDaemon(true);
            return thread;
        });
        scheduled.setRemoveOnCancelPolicy(true);
        this.timer = scheduled;
    }

    HeadSubscription open(UUID nodeId, String rpcUrl, HeadTracker tracker) {
        return new HeadSubscription(nodeId, HeadSubscription.websocketUri(rpcUrl), tracker, timeout, retry, client,
                timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        executor.shutdownNow();
    }
}
