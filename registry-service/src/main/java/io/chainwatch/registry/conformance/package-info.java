/**
 * The conformance kit: tries a platform registration's template — or a chain's native adapter — operation by
 * operation before it is trusted. {@link io.chainwatch.registry.conformance.ConformanceKit} runs every standard
 * operation: the read-only ones (operations group) for real with the caller's sample inputs; the mutating ones
 * (network, chain and contract groups) only when asked, in an order that cleans up after itself (create → join →
 * leave → delete, each fed the ids the previous ones returned). Each operation is reported PASS (answered, every
 * standard result field present with its type), FAIL (with the raw HTTP exchanges, credentials named but never
 * shown and secret values masked in bodies), UNSUPPORTED (not mapped / not implemented natively) or SKIPPED (needs an
 * input that was not given, or mutating and not asked for). {@code POST /api/v1/platforms/{id}/conformance},
 * {@code POST /api/v1/chains/{id}/conformance}; {@link io.chainwatch.registry.conformance.ConformanceCli} calls
 * them from a shell.
 */
package io.chainwatch.registry.conformance;
