package io.chainwatch.collector.ethereum;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.poll.ChainProbe;
import io.chainwatch.collector.poll.NodeProbe;
import io.chainwatch.events.NodeTarget;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The previous poll path as a {@link ChainProbe} (benchmarks only): {@link RawBatchNodeProbe} over OkHttp clients set
 * up as {@link EthereumProbe} sets up its own (same timeouts, response limit, 128 connection pools). No WebSocket heads.
 */
public final class RawBatchProbe implements ChainProbe {

    private final OkHttpClient http;
    private final OkHttpClient[] clients = new OkHttpClient[EthereumProbe.POOLS];
    private final Duration timeout;
    private final Duration throughputWindow;

    public RawBatchProbe(CollectorProperties properties) {
        this.timeout = properties.pollTimeout();
        this.throughputWindow = properties.throughputWindow();
        this.http = new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .callTimeout(timeout)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(true)
                .addInterceptor(new ResponseSizeLimit(properties.maxResponseBytes().toBytes()))
                .build();
        for (int i = 0; i < clients.length; i++) {
            clients[i] = http.newBuilder()
                    .connectionPool(new ConnectionPool(Integer.MAX_VALUE, 1, TimeUnit.MINUTES))
                    .build();
        }
    }

    @Override
    public boolean supports(String platform) {
        return EthereumProbe.PLATFORM.equalsIgnoreCase(platform);
    }

    @Override
    public NodeProbe open(NodeTarget target) {
        return new RawBatchNodeProbe(target, clients[Math.floorMod(target.nodeId().hashCode(), clients.length)],
                timeout, throughputWindow, null);
    }

    /** Stops the dispatcher's threads and closes pooled connections. */
    public void destroy() {
        http.dispatcher().executorService().shutdown();
        for (OkHttpClient client : clients) {
            client.connectionPool().evictAll();
        }
    }
}
