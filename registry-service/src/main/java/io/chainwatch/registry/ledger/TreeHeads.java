package io.chainwatch.registry.ledger;

import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Signs tree heads: every {@code chainwatch.registry.ledger.tree-head-interval} (60 s by default) when the log grew,
 * and on demand. Any instance may sign (all hold the same key): a head is identified by its size, so two instances
 * signing the same size store one head.
 */
@Service
public class TreeHeads {

    private static final Logger log = LoggerFactory.getLogger(TreeHeads.class);

    private final LedgerRepository ledger;
    private final LeafHashes leaves;
    private final LogKey key;

    TreeHeads(LedgerRepository ledger, LeafHashes leaves, LogKey key, MeterRegistry meters) {
        this.ledger = ledger;
        this.leaves = leaves;
        this.key = key;
        Gauge.builder("chainwatch.ledger.size", ledger, LedgerRepository::size)
                .description("Entries in the tamper-evident log").register(meters);
        Gauge.builder("chainwatch.ledger.signed.size", ledger,
                        l -> l.latestHead().map(LedgerRepository.TreeHead::treeSize).orElse(0L))
                .description("Size of the newest signed tree head").register(meters);
    }

    @Scheduled(fixedDelayString = "${chainwatch.registry.ledger.tree-head-interval:60s}",
            initialDelayString = "${chainwatch.registry.ledger.tree-head-interval:60s}")
    void scheduled() {
        try {
            signIfGrown();
        } catch (RuntimeException e) {
            log.warn("signing a tree head failed; the next run retries", e);
        }
    }

    /** Signs a head of the current size unless the newest head has that size already; returns the newest head. */
    public LedgerRepository.TreeHead signIfGrown() {
        long size = ledger.size();
        Optional<LedgerRepository.TreeHead> latest = ledger.latestHead();
        if (latest.isPresent() && latest.get().treeSize() >= size) {
            return latest.get();
        }
        List<byte[]> hashes = leaves.first(size);
        byte[] root = MerkleTree.root(hashes);
        long now = System.currentTimeMillis();
        LedgerRepository.TreeHead head = new LedgerRepository.TreeHead(size, root, now, key.keyId(),
                key.publicKeyBase64(), key.sign(LogSignatures.treeHeadBytes(now, size, root)));
        if (ledger.insertHead(head)) {
            log.info("signed tree head: size {} root {}", size, MerkleTree.hex(root));
            return head;
        }
        return ledger.head(size).orElse(head);
    }
}
