/**
 * Links a monitored chain ({@code registry.chain}) to the business chain it serves
 * ({@code /api/v1/chains/{id}/business-chain}), so that its nodes' targets on {@code chainwatch.targets} carry the
 * ids of the business chain's alliance ({@code NodeTarget.allianceIds}, see
 * {@link io.chainwatch.registry.chain.ChainAlliances}).
 */
package io.chainwatch.registry.chainlink;
