/**
 * The tamper-evident log (see docs/ledger.md for the math). {@link io.chainwatch.registry.ledger.LedgerAppender}
 * reads the topic {@code chainwatch.audit} — audit entries of every service and alert-service's committed
 * transitions — as the single appender and appends each entry as the next leaf of an RFC 9162 Merkle tree
 * ({@link io.chainwatch.registry.ledger.MerkleTree}), signing the entry's place;
 * {@link io.chainwatch.registry.ledger.TreeHeads} signs tree heads every 60 s and on demand with the log's Ed25519
 * key ({@link io.chainwatch.registry.ledger.LogKey}); {@code /api/v1/ledger} serves tree heads, entries with their
 * inclusion proofs, consistency proofs, the public key and the export;
 * {@code ledger.anchor} writes the heads' roots on a chain; {@code ledger.verifier} is the command that checks an
 * export.
 */
package io.chainwatch.registry.ledger;
