/**
 * Rule type node_unreachable: a node's polls fail (timeout, refused, bad answer, or ERRORING: every call answered with a JSON-RPC error, said as "erroring" with code and message), or no sample arrives. Holds the rule's record (definition and validation), its condition and its texts (en, zh).
 */
package io.chainwatch.alert.rule.nodeunreachable;
