package io.chainwatch.cdc.replication;

import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.chainwatch.cdc.CdcProperties;
import io.chainwatch.cdc.publish.CheckpointStore;
import io.chainwatch.cdc.publish.SamplePublisher;
import io.chainwatch.cdc.source.CdcSource;
import io.chainwatch.cdc.source.GuardedSocketFactory;
import io.chainwatch.cdc.source.SourceProbe;
import io.chainwatch.cdc.source.SourceStatus;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.security.UrlGuard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.postgresql.replication.fluent.logical.ChainedLogicalStreamBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one source's logical replication stream until stopped. Each source transaction becomes one Kafka
 * transaction (samples + checkpoint); a transaction at or below the checkpoint (resent by PostgreSQL after a
 * restart, because the slot's confirmed position trails the checkpoint) is skipped. When the source is down, the
 * reader publishes that as a sample outcome and retries with exponential backoff.
 */
final class SourceReader implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SourceReader.class);

    private final CdcSource source;
    private final String password;
    private final SamplePublisher publisher;
    private final CheckpointStore checkpoints;
    private final CdcProperties properties;
    private final UrlGuard.Policy policy;
    private final Counter rowsCounter;
    private volatile boolean stopped;
    private volatile SourceStatus status = new SourceStatus("CONNECTING", null, null, 0);
    private long rows;
    /** When the reader last had everything the source had sent (epoch ms). */
    private volatile long caughtUpAtMs = System.currentTimeMillis();
    /** Source commit time (epoch ms) of the transaction being turned into samples; 0 between transactions. */
    private volatile long inFlightCommitMs;

    SourceReader(CdcSource source, String password, SamplePublisher publisher, CheckpointStore checkpoints,
                 CdcProperties properties, UrlGuard.Policy policy, MeterRegistry meters) {
        this.policy = policy;
        this.source = source;
        this.password = password;
        this.publisher = publisher;
        this.checkpoints = checkpoints;
        this.properties = properties;
        this.rowsCounter = Counter.builder("chainwatch.cdc.rows").description("Source rows turned into samples")
                .tags(tags()).register(meters);
    }

    /** The tags of this source's series: its name (unique within its organization) and its id. */
    Tags tags() {
        return Tags.of("source", source.name(), "source_id", source.id().toString());
    }

    SourceStatus status() {
        return status;
    }

    /**
     * Seconds by which the samples trail the source: while a source transaction is being read and published, its
     * age (now minus its commit time on the source's clock); otherwise the time since the reader last had everything
     * the source sent (about 0 while streaming, growing while the source cannot be read or the stream is behind).
     */
    double lagSeconds() {
        long now = System.currentTimeMillis();
        long inFlight = inFlightCommitMs;
        return Math.max(0, now - (inFlight != 0 ? inFlight : caughtUpAtMs)) / 1000.0;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        Duration backoff = properties.reconnectMin();
        while (!stopped) {
            try {
                stream();
                backoff = properties.reconnectMin();
            } catch (Exception e) {
                if (stopped) {
                    break;
                }
                String error = "Cannot read source " + source.name() + " (" + source.jdbcUrl() + "): " + e.getMessage();
                status = new SourceStatus("RETRYING", error, status.lastCommitAt(), rows);
                log.warn("{}; retrying in {}", error, backoff);
                reportDown(e, error);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(properties.reconnectMax()) > 0
                        ? properties.reconnectMax() : backoff.multipliedBy(2);
            }
        }
        status = SourceStatus.IDLE;
    }

    private void stream() throws SQLException, InterruptedException {
        OptionalLong checkpoint = checkpoints.load(source.id());
        long published = checkpoint.orElse(0L);
        SourceProbe.refuseUnsafe(source.jdbcUrl()); // its parameters would override the ones set here
        Properties props = GuardedSocketFactory.apply(new Properties(), policy);
        PGProperty.USER.set(props, source.username());
        PGProperty.PASSWORD.set(props, password);
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        PGProperty.CONNECT_TIMEOUT.set(props, 5);
        PGProperty.APPLICATION_NAME.set(props, "chainwatch-cdc");
        try (Connection connection = DriverManager.getConnection(source.jdbcUrl(), props)) {
            ChainedLogicalStreamBuilder builder = connection.unwrap(PGConnection.class).getReplicationAPI()
                    .replicationStream().logical()
                    .withSlotName(source.replicationName())
                    .withSlotOption("proto_version", 1)
                    .withSlotOption("publication_names", source.replicationName())
                    .withStatusInterval((int) properties.statusInterval().toMillis(), TimeUnit.MILLISECONDS);
            if (checkpoint.isPresent()) {
                builder.withStartPosition(LogSequenceNumber.valueOf(published));
            }
            try (PGReplicationStream stream = builder.start()) {
                status = new SourceStatus("STREAMING", null, status.lastCommitAt(), rows);
                inFlightCommitMs = 0; // a transaction cut off by the last failure is sent again from the checkpoint
                log.info("reading source {} ({}.{}) from {}", source.name(), source.schema(), source.table(),
                        checkpoint.isPresent() ? LogSequenceNumber.valueOf(published) : "the slot's position");
                PgOutputDecoder decoder = new PgOutputDecoder();
                List<NodeSample> pending = new ArrayList<>();
                int rowsInTransaction = 0;
                long commitTimeMs = 0;
                while (!stopped) {
                    ByteBuffer message = stream.readPending();
                    if (message == null) {
                        if (inFlightCommitMs == 0) {
                            caughtUpAtMs = System.currentTimeMillis();
                        }
                        Thread.sleep(2);
                        continue;
                    }
                    // relations are kept by the decoder; deletes, truncates, types: nothing to sample
                    PgOutputDecoder.Message decoded = decoder.decode(message);
                    if (decoded instanceof PgOutputDecoder.Begin begin) {
                        pending.clear();
                        rowsInTransaction = 0;
                        commitTimeMs = begin.commitTimeMs();
                        inFlightCommitMs = Math.max(1, commitTimeMs);
                    } else if (decoded instanceof PgOutputDecoder.Row row && isConfiguredTable(row.relation())) {
                        pending.addAll(RowSamples.of(source, row.values(), commitTimeMs));
                        rowsInTransaction++;
                    } else if (decoded instanceof PgOutputDecoder.Commit commit) {
                        if (commit.endLsn() > published) {
                            publisher.publish(source, pending, commit.endLsn());
                            published = commit.endLsn();
                            rows += rowsInTransaction;
                            rowsCounter.increment(rowsInTransaction);
                            status = new SourceStatus("STREAMING", null, Instant.ofEpochMilli(commit.commitTimeMs()), rows);
                        }
                        // the source may now discard WAL up to here; the periodic status update tells it
                        LogSequenceNumber done = LogSequenceNumber.valueOf(commit.endLsn());
                        stream.setFlushedLSN(done);
                        stream.setAppliedLSN(done);
                        inFlightCommitMs = 0;
                    }
                }
            }
        }
    }

    private boolean isConfiguredTable(PgOutputDecoder.Relation relation) {
        return relation.schema().equals(source.schema()) && relation.table().equals(source.table());
    }

    private void reportDown(Exception e, String error) {
        PollOutcome outcome = hasCause(e, SocketTimeoutException.class) ? PollOutcome.TIMEOUT
                : e instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                ? PollOutcome.REFUSED : PollOutcome.BAD_RESPONSE;
        try {
            publisher.publishOutcome(source, outcome, error);
        } catch (RuntimeException kafkaDown) {
            log.warn("could not publish the outcome of source {}: {}", source.name(), kafkaDown.getMessage());
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
