package io.chainwatch.collector.ethereum;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.poll.ChainProbe;
import io.chainwatch.collector.poll.NodeProbe;
import io.chainwatch.events.NodeTarget;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Probes nodes of platform {@code ETHEREUM}. All nodes share one OkHttp client's dispatcher and settings, spread
 * over {@link #POOLS} connection pools: connect and whole-call timeouts are the poll timeout, redirects are not
 * followed, and an answer is not read past {@code max-response-bytes}. Each node gets its own
 * {@link EthereumNodeProbe} over it (web3j's typed requests and batches, sent by a {@link JsonRpcService} over the
 * shared client), its own {@link HeadTracker}, a {@link SilenceWatch} and, when
 * enabled, a WebSocket {@link HeadSubscription} (the JDK's WebSocket client, shared by all nodes).
 */
@Component
public class EthereumProbe implements ChainProbe, DisposableBean {

    /** The platform name this probe polls, as registered. */
    public static final String PLATFORM = "ETHEREUM";

    /** Connection pools the nodes are spread over (see the constructor). */
    static final int POOLS = 128;

    private final OkHttpClient http;
    private final OkHttpClient[] clients;
    private final Duration timeout;
    private final Duration throughputWindow;
    private final HeadSubscriptions subscriptions;
    /**
     * web3j's scheduler for every node's {@code Web3j} (used by filters and subscriptions, not by polls), and the
     * ticks of the nodes' {@link SilenceWatch}es (each only sends a request that answers on OkHttp's threads).
     */
    private final ScheduledThreadPoolExecutor web3jScheduler;

    public EthereumProbe(CollectorProperties properties) {
        this.timeout = properties.pollTimeout();
        this.throughputWindow = properties.throughputWindow();
        this.http = new OkHttpClient.Builder()
                .connectTimeout(timeout)
                // the call timeout bounds the whole poll (connect, send, answer); per-read and per-write timeouts
                // would be redundant and each costs a watchdog entry (okio AsyncTimeout, one lock-guarded sorted
                // list for the whole process) on every socket read and write
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .callTimeout(timeout)
                // a node's URL is the node: a redirect elsewhere is a bad answer, never followed (it could point the
                // collector at any address)
                .followRedirects(false)
                .followSslRedirects(false)
                // a pooled keep-alive connection the node closed while idle is retried once on a fresh connection
                // (else a node that closes idle connections would look down); timeouts are never retried and the
                // call timeout bounds the whole poll
                .retryOnConnectionFailure(true)
                .addInterceptor(new ResponseSizeLimit(properties.maxResponseBytes().toBytes()))
                .build();
        // OkHttp finds a pooled connection by scanning its pool: one pool for thousands of nodes would make that scan
        // cost more than the poll, and a pool per node costs a cleanup task (and, under load, a thread) per node.
        // Nodes are spread over a fixed number of pools instead; each keeps its nodes' idle connections for a minute.
        // Each pool's cleanup runs on OkHttp's shared TaskRunner, whose threads stay while any pool has a cleanup
        // scheduled: 1,024 pools kept ~380 "OkHttp TaskRunner" threads at 5,000 nodes, 128 pools ~120 (and a scan
        // of ~40 connections per poll at 5,000 nodes).
        this.clients = new OkHttpClient[POOLS];
        for (int i = 0; i < POOLS; i++) {
            clients[i] = http.newBuilder()
                    .connectionPool(new ConnectionPool(Integer.MAX_VALUE, 1, TimeUnit.MINUTES))
                    .build();
        }
        this.web3jScheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "web3j-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        JsonRpcService.warmUp(web3jScheduler);
        this.subscriptions = properties.websocketHeads()
                ? new HeadSubscriptions(timeout, properties.websocketRetry())
                : null;
    }

    @Override
    public boolean supports(String platform) {
        return PLATFORM.equalsIgnoreCase(platform);
    }

    @Override
    public NodeProbe open(NodeTarget target) {
        return new EthereumNodeProbe(target, clients[Math.floorMod(target.nodeId().hashCode(), clients.length)],
                timeout, throughputWindow, subscriptions, web3jScheduler);
    }

    @Override
    public void destroy() {
        if (subscriptions != null) {
            subscriptions.close();
        }
        web3jScheduler.shutdownNow();
        http.dispatcher().executorService().shutdown();
        for (OkHttpClient client : clients) {
            client.connectionPool().evictAll();
        }
    }
}
