package io.chainwatch.collector.ethereum;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.chainwatch.collector.poll.NewsAfterSilence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code newHeads} subscription over WebSocket feeding a node's {@link HeadTracker}, so every head is seen even
 * between polls: {@code eth_subscribe("newHeads")} on the JDK's {@link WebSocket} (see ADR 0005: web3j's
 * {@code WebSocketService} costs two threads per connection, the JDK's client none — its connections share the
 * {@link HttpClient}'s selector). Connecting is asynchronous and abandoned after the poll timeout; a node that does not
 * offer WebSocket, or whose subscription fails or is lost, is tried again after the retry pause, and the poll reads
 * heads meanwhile.
 */
final class HeadSubscription implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeadSubscription.class);

    private static final String SUBSCRIBE =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}";

    private final UUID nodeId;
    private final URI uri;
    private final HeadTracker tracker;
    private final Duration timeout;
    private final Duration retry;
    private final HttpClient client;
    private final ScheduledExecutorService timer;

    /** The attempt or connection now (its listener); null when none. */
    private Listener current;
    private ScheduledFuture<?> giveUp;
    private volatile boolean active;
    private boolean connecting;
    private boolean closed;
    private long nextAttemptNanos = System.nanoTime();
    /** News for the scheduler: a head that ends a silence (not the first of a connection). */
    private final NewsAfterSilence news = new NewsAfterSilence();

    HeadSubscription(UUID nodeId, URI uri, HeadTracker tracker, Duration timeout, Duration retry, HttpClient client,
                     ScheduledExecutorService timer) {
        this.nodeId = nodeId;
        this.uri = uri;
        this.tracker = tracker;
        this.timeout = timeout;
        this.retry = retry;
        this.client = client;
        this.timer = timer;
    }

    /** The WebSocket URL of a node's HTTP JSON-RPC URL: same host, port and path. */
    static URI websocketUri(String rpcUrl) {
        URI http = URI.create(rpcUrl);
        String scheme = "https".equalsIgnoreCase(http.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + rpcUrl.substring(http.getScheme().length()));
    }

    /** Runs {@code action} for a head that ends a silence of more than twice {@code pollIntervalMs}. */
    void onNews(long pollIntervalMs, Runnable action) {
        news.set(pollIntervalMs, action);
    }

    /** Whether heads arrive over the subscription now. */
    boolean active() {
        return active;
    }

    /** Starts connecting (asynchronously) when not subscribed, not connecting, and the retry pause is over. */
    synchronized void ensure() {
        if (closed || active || connecting || System.nanoTime() < nextAttemptNanos) {
            return;
        }
        connecting = true;
        news.reset();
        Listener listener = new Listener();
        current = listener;
        // the whole of connecting and subscribing must end within the timeout
        giveUp = timer.schedule(() -> lost(listener, "no subscription within " + timeout.toMillis() + " ms"),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            client.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, listener)
                    .whenComplete((ws, error) -> {
                        if (error != null) {
                            lost(listener, String.valueOf(error.getMessage()));
                        }
                    });
        } catch (RuntimeException e) {
            lost(listener, e.toString());
        }
    }

    /** One connection's events; a stale one (after a loss or close) is ignored. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private WebSocket ws;

        @Override
        public void onOpen(WebSocket webSocket) {
            boolean keep;
            synchronized (HeadSubscription.this) {
                ws = webSocket;
                keep = !closed && current == this;
            }
            if (!keep) {
                webSocket.abort();
                return;
            }
            webSocket.sendText(SUBSCRIBE, true);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (last && text.isEmpty()) {
                onMessage(this, data.toString()); // a whole message in one piece: nothing kept between messages
            } else {
                text.append(data);
                if (last) {
                    String message = text.toString();
                    text.setLength(0);
                    text.trimToSize();
                    onMessage(this, message);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(this, "closed by the node");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(this, String.valueOf(error.getMessage()));
        }
    }

    private void onMessage(Listener listener, String message) {
        JsonNode json;
        try {
            json = JsonRpcService.JSON.readTree(message);
        } catch (Exception e) {
            log.debug("node {}: unreadable WebSocket message ignored", nodeId);
            return;
        }
        if ("eth_subscription".equals(json.path("method").asText())) {
            onHead(json.path("params").path("result"));
            news.arrived();
            return;
        }
        if (json.path("id").asInt(-1) == 1) {
            if (json.hasNonNull("result")) {
                synchronized (this) {
                    if (closed || current != listener) {
                        return;
                    }
                    cancelGiveUp();
                    connecting = false;
                    active = true;
                }
                log.debug("node {}: new heads over {}", nodeId, uri);
            } else {
                lost(listener, "eth_subscribe failed: " + json.path("error").path("message").asText());
            }
        }
    }

    private void onHead(JsonNode head) {
        try {
            tracker.observe(new HeadTracker.Head(number(head.path("number").asText(null)), head.path("hash").asText(),
                    head.hasNonNull("parentHash") ? head.path("parentHash").asText() : null,
                    number(head.path("timestamp").asText(null)), null));
        } catch (RuntimeException e) {
            log.debug("node {}: unreadable new head {} ignored: {}", nodeId, head.path("hash"), e.getMessage());
        }
    }

    private static long number(String quantity) {
        BigInteger n = Quantities.parse(quantity);
        return n.longValueExact();
    }

    private void lost(Listener listener, String why) {
        WebSocket toClose;
        synchronized (this) {
            toClose = listener.ws;
            if (!closed && current == listener) {
                if (active) {
                    log.info("node {}: WebSocket subscription lost ({}); polling for heads until it is back", nodeId,
                            why);
                } else {
                    log.debug("node {}: no WebSocket subscription at {} ({})", nodeId, uri, why);
                }
                active = false;
                connecting = false;
                nextAttemptNanos = System.nanoTime() + retry.toNanos();
                cancelGiveUp();
                current = null;
            }
        }
        if (toClose != null) {
            // closing the connection ends the subscription on both sides
            toClose.abort();
        }
    }

    private void cancelGiveUp() {
        if (giveUp != null) {
            giveUp.cancel(false);
            giveUp = null;
        }
    }

    @Override
    public void close() {
        WebSocket toClose;
        synchronized (this) {
            closed = true;
            active = false;
            connecting = false;
            cancelGiveUp();
            toClose = current == null ? null : current.ws;
            current = null;
        }
        if (toClose != null) {
            toClose.abort();
        }
    }
}
