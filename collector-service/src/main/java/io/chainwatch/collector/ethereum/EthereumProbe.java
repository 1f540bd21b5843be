package io.chainwatch.collector.ethereum;

import java.time.Duration;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.poll.ChainProbe;
import io.chainwatch.collector.poll.NodeProbe;
import io.chainwatch.events.NodeTarget;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Probes nodes of platform {@code ETHEREUM}. All nodes share one OkHttp client (its connection pool and
 * dispatcher) whose connect, read, write and whole-call timeouts are the poll timeout; each node gets its own
 * web3j instance over it.
 */
@Component
public class EthereumProbe implements ChainProbe, DisposableBean {

    /** The platform name this probe polls, as registered. */
    public static final String PLATFORM = "ETHEREUM";

    private final OkHttpClient http;
    private final Duration timeout;

    public EthereumProbe(CollectorProperties properties) {
        this.timeout = properties.pollTimeout();
        this.http = new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout)
                // a retry would hide a failure and double the time a poll takes
                .retryOnConnectionFailure(false)
                .build();
    }

    @Override
    public boolean supports(String platform) {
        return PLATFORM.equalsIgnoreCase(platform);
    }

    @Override
    public NodeProbe open(NodeTarget target) {
        return new EthereumNodeProbe(target, http, timeout);
    }

    @Override
    public void destroy() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
