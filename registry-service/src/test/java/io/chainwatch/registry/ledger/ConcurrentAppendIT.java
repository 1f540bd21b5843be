package io.chainwatch.registry.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.chainwatch.events.AuditEntry;
import io.chainwatch.registry.support.RegistryTestBase;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several appenders at once on one database (as two registry instances during a consumer-group rebalance): every
 * entry gets exactly one leaf, the indexes stay dense, a record delivered twice is appended once, and the log still
 * verifies against a head signed afterwards.
 */
class ConcurrentAppendIT extends RegistryTestBase {

    @Autowired
    private LedgerAppender appender;

    @Autowired
    private TreeHeads heads;

    @Autowired
    private LedgerRepository ledger;

    @Test
    void parallelAppendersNeverInterleaveOrDuplicate() throws Exception {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            AuditEntry entry = new AuditEntry(UUID.randomUUID().toString(), "alert", null, "system:test", null,
                    "rule.create", "rule", "r" + i, "success", System.currentTimeMillis(), Map.of());
            records.add(json.writeValueAsString(entry).getBytes(StandardCharsets.UTF_8));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                for (int i = 0; i < records.size(); i++) { // every thread offers every record: each is redelivered 3 times
                    byte[] record = records.get((i + thread * 15) % records.size());
                    results.add(pool.submit((Callable<Long>) () -> appender.append(record)));
                }
            }
            List<Long> indexes = new ArrayList<>();
            for (Future<Long> result : results) {
                indexes.add(result.get());
            }
            assertThat(indexes).doesNotContain(-1L);
            assertThat(indexes.stream().distinct().count()).as("one leaf per entry").isEqualTo(records.size());
        } finally {
            pool.shutdownNow();
        }
        LedgerRepository.TreeHead head = heads.signIfGrown();
        long size = head.treeSize();
        List<Long> stored = jdbc.sql("select leaf_index from registry.ledger_entry where leaf_index < :size"
                + " order by leaf_index").param("size", size).query(Long.class).list();
        assertThat(stored).hasSize((int) size);
        for (int i = 0; i < stored.size(); i++) {
            assertThat(stored.get(i)).as("dense from 0").isEqualTo(i);
        }
        List<LogVerification.Leaf> leaves = ledger.leaves(0, (int) size).stream()
                .map(l -> new LogVerification.Leaf(l.index(), l.appendedAtMs(), l.leafHash(), l.signature(), l.data()))
                .toList();
        LogVerification.Result result = LogVerification.verify(leaves, ledger.allHeads().stream()
                .filter(h -> h.treeSize() <= size)
                .map(h -> new LogVerification.Head(h.treeSize(), h.rootHash(), h.timestampMs(), h.signature()))
                .toList(), LogSignatures.decodePublic(get("/api/v1/ledger/public-key").field("publicKey")));
        assertThat(result.problems()).isEmpty();
    }
}
