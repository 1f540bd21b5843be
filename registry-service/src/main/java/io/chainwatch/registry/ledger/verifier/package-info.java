/**
 * The verifier command ({@link io.chainwatch.registry.ledger.verifier.LedgerVerifier}): checks an exported log
 * against its signed tree heads with a pinned public key, and against the roots anchored on a chain read from a node
 * the auditor trusts ({@link io.chainwatch.registry.ledger.verifier.AnchorCheck}). It uses the registry's ledger and
 * anchor classes but no Spring context, no database and no ChainWatch API.
 */
package io.chainwatch.registry.ledger.verifier;
