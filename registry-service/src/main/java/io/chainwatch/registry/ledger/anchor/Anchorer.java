package io.chainwatch.registry.ledger.anchor;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.chainwatch.registry.ledger.MerkleTree;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Anchors signed tree heads, oldest first, none skipped: each run takes the oldest head without an anchor, writes
 * its root on the chain and stores the transaction hash and block beside the head, then the next one. When the chain
 * is down or refuses, the run stops and the next one (every {@code interval}) tries the same head again. One
 * anchoring run at a time across instances (an advisory lock). Metrics: {@code chainwatch.ledger.anchor.lag.seconds}
 * (age of the oldest unanchored head, 0 when none), {@code chainwatch.ledger.anchor.behind} (1 when that age exceeds
 * {@code max-lag}), {@code chainwatch.ledger.anchor.failures}.
 */
@Component
public class Anchorer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Anchorer.class);
    private static final long LOCK_KEY = 0x63_77_61_6e_63_68_6f_72L; // "cwanchor"

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AnchorProperties properties;
    private final ChainAnchor chain;
    private final Counter failures;
    private final AtomicReference<String> lastError = new AtomicReference<>();

    Anchorer(JdbcClient jdbc, TransactionTemplate transaction, AnchorProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.chain = properties.enabled()
                ? new EthereumAnchor(properties.rpcUrl(), properties.privateKey(), properties.receiptTimeout())
                : null;
        this.failures = Counter.builder("chainwatch.ledger.anchor.failures")
                .description("Anchoring attempts that failed (chain down, transaction refused); retried").register(meters);
        Gauge.builder("chainwatch.ledger.anchor.lag.seconds", this, a -> a.lagSeconds())
                .description("Age of the oldest signed tree head not yet anchored on the chain; 0 when none")
                .register(meters);
        Gauge.builder("chainwatch.ledger.anchor.behind", this,
                        a -> a.lagSeconds() > properties.maxLag().toSeconds() ? 1 : 0)
                .description("1 when the oldest unanchored tree head is older than chainwatch.registry.ledger.anchor.max-lag")
                .register(meters);
    }

    public boolean enabled() {
        return chain != null;
    }

    /** The chain, for reading anchors back; empty when anchoring is off. */
    public Optional<ChainAnchor> chain() {
        return Optional.ofNullable(chain);
    }

    /** Why the last run failed, or {@code null}. */
    public String lastError() {
        return lastError.get();
    }

    double lagSeconds() {
        if (chain == null) {
            return 0;
        }
        Long oldest = jdbc.sql("""
                        select min(h.timestamp_ms) from registry.ledger_tree_head h
                        where not exists (select 1 from registry.ledger_anchor a where a.tree_size = h.tree_size)""")
                .query(Long.class).optional().orElse(null);
        return oldest == null ? 0 : Math.max(0, (System.currentTimeMillis() - oldest) / 1000.0);
    }

    @Scheduled(fixedDelayString = "${chainwatch.registry.ledger.anchor.interval:5s}")
    void scheduled() {
        if (chain != null) {
            anchorPending();
        }
    }

    /** Anchors every pending head in order; stops at the first failure. Returns how many were anchored. */
    public int anchorPending() {
        Integer done = transaction.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:key)").param("key", LOCK_KEY)
                    .query(Boolean.class).single())) {
                return 0;
            }
            int count = 0;
            while (true) {
                Optional<Object[]> head = jdbc.sql("""
                                select h.tree_size, h.root_hash from registry.ledger_tree_head h
                                where not exists (select 1 from registry.ledger_anchor a where a.tree_size = h.tree_size)
                                order by h.tree_size limit 1""")
                        .query((rs, n) -> new Object[] {rs.getLong(1), rs.getBytes(2)}).optional();
                if (head.isEmpty()) {
                    lastError.set(null);
                    return count;
                }
                long size = (long) head.get()[0];
                byte[] root = (byte[]) head.get()[1];
                ChainAnchor.Anchored anchored;
                try {
                    anchored = chain.anchor(size, root);
                } catch (Exception e) {
                    failures.increment();
                    lastError.set(e.getMessage());
                    log.warn("anchoring tree head {} failed; retrying in {}: {}", size, properties.interval(),
                            e.toString());
                    return count;
                }
                jdbc.sql("""
                                insert into registry.ledger_anchor
                                    (tree_size, chain_id, tx_hash, block_number, from_address, anchored_at)
                                values (:size, :chainId, :tx, :block, :from, :at)""")
                        .param("size", size).param("chainId", anchored.chainId()).param("tx", anchored.txHash())
                        .param("block", anchored.blockNumber()).param("from", anchored.fromAddress())
                        .param("at", OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
                        .update();
                log.info("tree head {} (root {}) anchored on chain {} in tx {} (block {})", size,
                        MerkleTree.hex(root), anchored.chainId(), anchored.txHash(), anchored.blockNumber());
                count++;
            }
        });
        return done == null ? 0 : done;
    }

    @Override
    public void destroy() {
        if (chain != null) {
            chain.close();
        }
    }
}
