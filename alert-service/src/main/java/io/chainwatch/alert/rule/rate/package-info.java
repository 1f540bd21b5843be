/**
 * Rule type rate: a ratio or per-second rate of readings over a window of the chain's samples. Holds the rule's record (definition and validation), its condition and its texts (en, zh).
 */
package io.chainwatch.alert.rule.rate;
