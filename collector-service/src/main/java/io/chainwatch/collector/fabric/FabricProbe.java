package io.chainwatch.collector.fabric;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.poll.ChainProbe;
import io.chainwatch.collector.poll.NodeProbe;
import io.chainwatch.events.FabricTarget;
import io.chainwatch.events.NodeTarget;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Probes nodes of platform {@code FABRIC}: peers through the Gateway client ({@link FabricNodeProbe}); orderers
 * ({@link FabricTarget#orderer()}), and nodes registered without a peer endpoint but with an operations endpoint,
 * through their operations metrics and channel participation API ({@link OrdererNodeProbe}). Block event streams run
 * on threads of their own (one per watched channel of each peer: the Gateway client's event iterators block), apart
 * from the poll pool.
 */
@Component
public class FabricProbe implements ChainProbe, DisposableBean {

    /** The platform name this probe polls, as registered. */
    public static final String PLATFORM = "FABRIC";

    /** How often a peer is asked for its joined channels and the peers of its channels. */
    static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(60);

    private final Duration discoveryInterval;
    private final FabricIdentities identities;
    private final Duration timeout;
    private final ExecutorService streams;
    private final Path checkpoints;
    private final okhttp3.OkHttpClient http;
    private final long maxBytes;

    @org.springframework.beans.factory.annotation.Autowired
    public FabricProbe(FabricIdentities identities, CollectorProperties properties) {
        this(identities, properties, DISCOVERY_INTERVAL);
    }

    /** As the service's, asking each peer for its channels and their peers every {@code discoveryInterval}. */
    FabricProbe(FabricIdentities identities, CollectorProperties properties, Duration discoveryInterval) {
        this.discoveryInterval = discoveryInterval;
        this.identities = identities;
        this.timeout = properties.pollTimeout();
        this.checkpoints = properties.fabricCheckpointDir().isEmpty() ? null : Path.of(properties.fabricCheckpointDir());
        this.http = new okhttp3.OkHttpClient.Builder().connectTimeout(timeout).readTimeout(timeout)
                .writeTimeout(timeout).callTimeout(timeout).retryOnConnectionFailure(false)
                .followRedirects(false).followSslRedirects(false).build();
        this.maxBytes = properties.maxResponseBytes().toBytes();
        AtomicInteger count = new AtomicInteger();
        this.streams = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fabric-events-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public boolean supports(String platform) {
        return PLATFORM.equalsIgnoreCase(platform);
    }

    @Override
    public NodeProbe open(NodeTarget target) {
        FabricTarget fabric = target.fabric();
        boolean operationsOnly = (fabric == null || fabric.peerEndpoint() == null || fabric.peerEndpoint().isBlank())
                && target.metricsUrl() != null && !target.metricsUrl().isBlank();
        if ((fabric != null && fabric.orderer()) || operationsOnly) {
            return new OrdererNodeProbe(target, identities, http, maxBytes);
        }
        return new FabricNodeProbe(target, identities, timeout, streams, checkpoints, discoveryInterval);
    }

    @Override
    public void destroy() {
        streams.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
