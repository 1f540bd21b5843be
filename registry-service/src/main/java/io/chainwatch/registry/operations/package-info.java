/**
 * Native chain operations: {@link io.chainwatch.registry.operations.ChainOperations} is the standard operations
 * group on a registered chain, one implementation per platform ({@code ethereum} on web3j, {@code fabric} on the
 * Fabric Gateway client); {@link io.chainwatch.registry.operations.ChainOperationsRouter} picks the one of the
 * chain's platform for {@code POST /api/v1/chains/{id}/operations/{operation}}.
 */
package io.chainwatch.registry.operations;
