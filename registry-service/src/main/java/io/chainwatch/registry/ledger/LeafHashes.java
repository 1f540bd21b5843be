package io.chainwatch.registry.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The leaf hashes of the log, held in memory (32 bytes per entry) and completed from the database on demand: the log
 * is append-only, so what was read once stays true. Any registry instance answers proofs from its own copy.
 */
@Component
public class LeafHashes {

    private final LedgerRepository ledger;
    private final List<byte[]> hashes = new ArrayList<>();

    LeafHashes(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    /** The first {@code size} leaf hashes (an exception if the log is shorter). */
    public synchronized List<byte[]> first(long size) {
        if (size > hashes.size()) {
            List<byte[]> more = ledger.leafHashes(hashes.size(), size);
            if (hashes.size() + more.size() < size) {
                throw new IllegalStateException("the log has " + (hashes.size() + more.size())
                        + " dense entries, fewer than " + size);
            }
            hashes.addAll(more);
        }
        return Collections.unmodifiableList(new ArrayList<>(hashes.subList(0, (int) size)));
    }
}
