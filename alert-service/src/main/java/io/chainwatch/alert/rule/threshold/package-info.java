/**
 * Rule type threshold: a reading of any series (a node's own readings, a Fabric channel of it) compared with a value for forSeconds. Holds the rule's record (definition and validation), its condition and its texts (en, zh).
 */
package io.chainwatch.alert.rule.threshold;
