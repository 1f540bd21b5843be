/**
 * Rule type lagging: a node more than N blocks behind the best of its chain or Fabric channel for forSeconds. Holds the rule's record (definition and validation), its condition and its texts (en, zh).
 */
package io.chainwatch.alert.rule.lagging;
