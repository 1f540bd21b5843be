/**
 * Rule type consistency: nodes of one chain (or peers of one Fabric channel) reporting different block hashes at the same height; the alert names the diverging nodes and the height. Holds the rule's record (definition and validation), its condition and its texts (en, zh).
 */
package io.chainwatch.alert.rule.consistency;
