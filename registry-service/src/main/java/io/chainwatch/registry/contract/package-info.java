/**
 * Smart contracts on ETHEREUM chains, {@code /api/v1/contracts}: deploy bytecode + ABI, signed with an organization
 * signing key ({@link io.chainwatch.registry.signingkey}), either plain or upgradeable — then as the implementation
 * behind ChainWatch's ERC-1967 proxy ({@link io.chainwatch.registry.contract.Erc1967Proxy}; Solidity source,
 * compiled bytecode and the command to regenerate it under {@code src/main/resources/contracts/}), whose admin is
 * the signing key; upgrade a proxied contract to new bytecode (new implementation, then the proxy's
 * {@code upgradeToAndCall} signed by its admin key; every implementation kept as a revision, {@code .../versions});
 * call its view functions; scan its code and ABI for dangerous patterns
 * ({@link io.chainwatch.registry.contract.ContractScanner}, a basic static scanner with its limits); terminate it
 * (ChainWatch refuses further calls and upgrades). Every write audited ({@code contract.deploy},
 * {@code contract.upgrade}, {@code contract.scan}, {@code contract.terminate}).
 */
package io.chainwatch.registry.contract;
