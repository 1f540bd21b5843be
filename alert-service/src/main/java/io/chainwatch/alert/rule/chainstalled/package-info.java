/**
 * Rule type chain_stalled: the chain's (or a Fabric channel's) best height does not increase for forSeconds, counted from the head's own time, fired at its deadline after confirmation by an immediate poll; mode pending_transactions (Ethereum txpool, Fabric submitted-but-not-committed). Holds the rule's record (definition and validation), its condition and its texts (en, zh).
 */
package io.chainwatch.alert.rule.chainstalled;
