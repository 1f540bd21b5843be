package io.chainwatch.cdc.replication;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.chainwatch.cdc.CdcProperties;
import io.chainwatch.cdc.publish.CheckpointStore;
import io.chainwatch.cdc.publish.SamplePublisher;
import io.chainwatch.cdc.secret.SecretCipher;
import io.chainwatch.cdc.source.CdcSource;
import io.chainwatch.cdc.source.ReaderControl;
import io.chainwatch.cdc.source.SourceRepository;
import io.chainwatch.cdc.source.SourceStatus;
import io.chainwatch.security.UrlGuard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps one reader running per enabled source. With several instances, a PostgreSQL advisory lock (in this
 * service's own database, held on a dedicated connection for the reader's life) makes sure only one of them
 * reads a source; when that instance dies its connection closes, the lock is released, and another takes over.
 */
@Component
public class ReaderSupervisor implements ReaderControl, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReaderSupervisor.class);

    private final SourceRepository sources;
    private final SecretCipher cipher;
    private final SamplePublisher publisher;
    private final CheckpointStore checkpoints;
    private final CdcProperties properties;
    private final MeterRegistry meters;
    private final UrlGuard.Policy policy;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();
    private final MultiGauge lag;
    private ScheduledExecutorService ticker;

    private record Running(SourceReader reader, Thread thread, Connection lock) {
    }

    public ReaderSupervisor(SourceRepository sources, SecretCipher cipher, SamplePublisher publisher,
                            CheckpointStore checkpoints, CdcProperties properties, MeterRegistry meters,
                            UrlGuard urlGuard,
                            @Value("${spring.datasource.url}") String jdbcUrl,
                            @Value("${spring.datasource.username}") String username,
                            @Value("${spring.datasource.password}") String password) {
        this.sources = sources;
        this.cipher = cipher;
        this.publisher = publisher;
        this.checkpoints = checkpoints;
        this.properties = properties;
        this.meters = meters;
        this.policy = urlGuard.policy();
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.lag = MultiGauge.builder("chainwatch.cdc.replication.lag.seconds")
                .description("Seconds by which the samples of a source read here trail its committed rows")
                .register(meters);
    }

    @Override
    public synchronized void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "cdc-supervisor"));
        long every = properties.supervisorInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::syncQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        List.copyOf(running.keySet()).forEach(this::stop);
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    @Override
    public void refresh() {
        ScheduledExecutorService t = ticker;
        if (t != null) {
            t.execute(this::syncQuietly);
        }
    }

    @Override
    public void stop(UUID sourceId) {
        Running r = running.remove(sourceId);
        if (r == null) {
            return;
        }
        r.reader().stop();
        try {
            r.thread().join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(r.lock());
        publishLag();
    }

    /**
     * One lag series per source read on this instance (a source another instance reads is reported there). A series
     * reads whichever reader runs its source now, so it is registered once and kept while the source runs here:
     * re-registering it on every check (as overwriting does) left moments in which a scrape found no series at all.
     */
    private void publishLag() {
        lag.register(running.entrySet().stream()
                .map(e -> MultiGauge.Row.of(e.getValue().reader().tags(), this,
                        supervisor -> supervisor.lagSeconds(e.getKey())))
                .collect(Collectors.toList()), false);
    }

    /** The lag of the reader running {@code sourceId} now; NaN when none does. */
    private double lagSeconds(UUID sourceId) {
        Running r = running.get(sourceId);
        return r == null ? Double.NaN : r.reader().lagSeconds();
    }

    @Override
    public SourceStatus status(UUID sourceId) {
        Running r = running.get(sourceId);
        return r == null ? SourceStatus.IDLE : r.reader().status();
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            log.warn("checking CDC sources failed: {}", e.getMessage());
        }
    }

    private synchronized void sync() {
        List<CdcSource> enabled = sources.enabled();
        Set<UUID> wanted = enabled.stream().map(CdcSource::id).collect(Collectors.toSet());
        List.copyOf(running.keySet()).stream().filter(id -> !wanted.contains(id)).forEach(this::stop);
        running.entrySet().removeIf(e -> !e.getValue().thread().isAlive() && closeQuietly(e.getValue().lock()));
        for (CdcSource source : enabled) {
            if (!running.containsKey(source.id())) {
                tryStart(source);
            }
        }
        publishLag();
    }

    private void tryStart(CdcSource source) {
        Connection lock = null;
        try {
            lock = DriverManager.getConnection(jdbcUrl, username, password);
            try (PreparedStatement ps = lock.prepareStatement("SELECT pg_try_advisory_lock(hashtext('chainwatch-cdc'), hashtext(?))")) {
                ps.setString(1, source.id().toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        lock.close(); // another instance reads this source
                        return;
                    }
                }
            }
            SourceReader reader = new SourceReader(source, cipher.decrypt(source.passwordCipher()), publisher,
                    checkpoints, properties, policy, meters);
            Thread thread = new Thread(reader, "cdc-" + source.name());
            thread.setDaemon(true);
            running.put(source.id(), new Running(reader, thread, lock));
            thread.start();
        } catch (SQLException | RuntimeException e) {
            log.warn("could not start the reader of source {}: {}", source.name(), e.getMessage());
            closeQuietly(lock);
        }
    }

    private static boolean closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        return true;
    }
}
