package io.chainwatch.registry.ledger.anchor;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chainwatch.registry.ledger.anchor.*}: writing each signed tree head's root on an Ethereum-family chain.
 *
 * @param rpcUrl         the chain's JSON-RPC URL (env CHAINWATCH_REGISTRY_LEDGER_ANCHOR_RPC_URL); empty: no anchoring
 * @param privateKey     the anchoring account's private key, hex (env CHAINWATCH_REGISTRY_LEDGER_ANCHOR_PRIVATE_KEY);
 *                       it pays the gas of one transaction per tree head
 * @param interval       pause between two anchoring runs
 * @param receiptTimeout how long one run waits for a transaction's receipt before trying again later
 * @param maxLag         the oldest unanchored tree head may be this old before {@code chainwatch.ledger.anchor.behind}
 *                       turns 1 (and the alert LedgerAnchoringBehind fires)
 */
@ConfigurationProperties("chainwatch.registry.ledger.anchor")
public record AnchorProperties(
        @DefaultValue("") String rpcUrl,
        @DefaultValue("") String privateKey,
        @DefaultValue("5s") Duration interval,
        @DefaultValue("60s") Duration receiptTimeout,
        @DefaultValue("5m") Duration maxLag) {

    public boolean enabled() {
        return rpcUrl != null && !rpcUrl.isBlank();
    }
}
