/**
 * Smart contracts on ETHEREUM chains: deploy bytecode + ABI (signed with the deployer's key, which is stored
 * encrypted), record the contract, and call its view functions through the API; scan its deployed code and ABI
 * for dangerous patterns ({@link io.chainwatch.registry.contract.ContractScanner}, a basic static scanner with its
 * limits); terminate it (ChainWatch refuses further calls). Every write audited. {@code /api/v1/contracts}.
 */
package io.chainwatch.registry.contract;
