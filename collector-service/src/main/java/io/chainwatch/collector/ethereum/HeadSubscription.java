package io.chainwatch.collector.ethereum;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.reactivex.disposables.Disposable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.websocket.WebSocketClient;
import org.web3j.protocol.websocket.WebSocketListener;
import org.web3j.protocol.websocket.WebSocketService;
import org.web3j.protocol.websocket.events.NewHead;

/**
 * A {@code newHeads} subscription over WebSocket (web3j {@link WebSocketService}) feeding a node's
 * {@link HeadTracker}, so every head is seen even between polls. Connecting happens off the poll thread and is
 * abandoned after the poll timeout; a node that does not offer WebSocket, or whose subscription fails or is lost,
 * is tried again after the retry pause, and the poll reads heads meanwhile. Each live subscription costs the
 * node's connection and the WebSocket client's two threads.
 */
final class HeadSubscription implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeadSubscription.class);

    private final String nodeId;
    private final URI uri;
    private final HeadTracker tracker;
    private final Duration timeout;
    private final Duration retry;
    private final ExecutorService connector;
    private final ScheduledExecutorService timer;

    private WebSocketService service;
    private Web3j web3j;
    private ScheduledFuture<?> giveUp;
    private volatile boolean active;
    private boolean connecting;
    private boolean closed;
    private long nextAttemptNanos = System.nanoTime();

    HeadSubscription(String nodeId, URI uri, HeadTracker tracker, Duration timeout, Duration retry,
                     ExecutorService connector, ScheduledExecutorService timer) {
        this.nodeId = nodeId;
        this.uri = uri;
        this.tracker = tracker;
        this.timeout = timeout;
        this.retry = retry;
        this.connector = connector;
        this.timer = timer;
    }

    /** The WebSocket URL of a node's HTTP JSON-RPC URL: same host, port and path. */
    static URI websocketUri(String rpcUrl) {
        URI http = URI.create(rpcUrl);
        String scheme = "https".equalsIgnoreCase(http.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + rpcUrl.substring(http.getScheme().length()));
    }

    /** Whether heads arrive over the subscription now. */
    boolean active() {
        return active;
    }

    /** Starts connecting (off the caller's thread) when not subscribed, not connecting, and the retry pause is over. */
    synchronized void ensure() {
        if (closed || active || connecting || System.nanoTime() < nextAttemptNanos) {
            return;
        }
        connecting = true;
        try {
            connector.execute(this::connect);
        } catch (RejectedExecutionException e) {
            connecting = false;
        }
    }

    private void connect() {
        WebSocketClient client = new QuietClient(uri);
        client.setDaemon(true);
        client.setConnectionLostTimeout((int) Math.max(5, timeout.toSeconds() * 5));
        WebSocketService ws = new WebSocketService(client, false);
        synchronized (this) {
            if (closed) {
                connecting = false;
                return;
            }
            service = ws;
            // closing the client releases connect() when the node accepts TCP but never completes the handshake
            giveUp = timer.schedule(() -> {
                if (!active) {
                    client.close();
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            ws.connect(message -> { }, error -> lost(ws, error.toString()), () -> lost(ws, "closed by the node"));
            // its own scheduler (web3j's default is shared, and shutdown() would end it for everyone); daemon, and
            // no thread starts unless web3j schedules something
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "web3j-ws-" + nodeId);
                thread.setDaemon(true);
                return thread;
            });
            Web3j subscribed = Web3j.build(ws, 15_000L, scheduler);
            Disposable heads = subscribed.newHeadsNotifications().subscribe(
                    notification -> onHead(notification.getParams().getResult()),
                    error -> lost(ws, String.valueOf(error.getMessage())));
            boolean keep;
            synchronized (this) {
                keep = !closed && service == ws;
                if (keep) {
                    if (giveUp != null) {
                        giveUp.cancel(false);
                    }
                    web3j = subscribed;
                    connecting = false;
                    active = !heads.isDisposed();
                }
            }
            if (!keep) {
                // closed, or lost while subscribing: this subscription is nobody's
                new Detached(null, null, subscribed).release();
                return;
            }
            log.debug("node {}: new heads over {}", nodeId, uri);
        } catch (Exception | LinkageError e) {
            lost(ws, e.getMessage());
        }
    }

    private void onHead(NewHead head) {
        try {
            tracker.observe(new HeadTracker.Head(number(head.getNumber()), head.getHash(), head.getParentHash(),
                    number(head.getTimestamp()), null));
        } catch (RuntimeException e) {
            log.debug("node {}: unreadable new head {} ignored: {}", nodeId, head.getHash(), e.getMessage());
        }
    }

    private static long number(String quantity) {
        BigInteger n = Quantities.parse(quantity);
        return n.longValueExact();
    }

    private void lost(WebSocketService ws, String why) {
        Detached detached;
        synchronized (this) {
            if (service != ws) {
                return;
            }
            if (active) {
                log.info("node {}: WebSocket subscription lost ({}); polling for heads until it is back", nodeId, why);
            } else {
                log.debug("node {}: no WebSocket subscription at {} ({})", nodeId, uri, why);
            }
            active = false;
            connecting = false;
            nextAttemptNanos = System.nanoTime() + retry.toNanos();
            detached = detach();
        }
        detached.release();
    }

    /** What a subscription holds, taken out under the lock and released outside it. */
    private record Detached(ScheduledFuture<?> giveUp, WebSocketService service, Web3j web3j) {
        /**
         * Closes outside the subscription's lock: the WebSocket client's threads call back into it ({@link #lost})
         * while holding their own locks.
         */
        void release() {
            if (giveUp != null) {
                giveUp.cancel(false);
            }
            // not disposed: that would send eth_unsubscribe just before the connection closes (web3j then logs an
            // error); closing the connection ends the subscription on both sides
            if (web3j != null) {
                web3j.shutdown();
            } else if (service != null) {
                service.close();
            }
        }
    }

    private Detached detach() {
        Detached detached = new Detached(giveUp, service, web3j);
        giveUp = null;
        service = null;
        web3j = null;
        return detached;
    }

    /**
     * web3j's client logs every failed connect as an ERROR with a stack trace; for a node that simply offers no
     * WebSocket that is noise every retry. The failure still reaches the service (and {@link #lost}).
     */
    private static final class QuietClient extends WebSocketClient {
        private WebSocketListener listener;

        QuietClient(URI uri) {
            super(uri);
        }

        @Override
        public void setListener(WebSocketListener listener) {
            this.listener = listener;
            super.setListener(listener);
        }

        @Override
        public void onError(Exception e) {
            if (listener != null) {
                listener.onError(e);
            }
        }
    }

    @Override
    public void close() {
        Detached detached;
        synchronized (this) {
            closed = true;
            active = false;
            detached = detach();
        }
        detached.release();
    }
}
