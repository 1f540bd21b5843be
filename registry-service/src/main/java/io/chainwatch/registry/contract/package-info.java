/**
 * Smart contracts on ETHEREUM chains: deploy bytecode + ABI (signed with the deployer's key, which is stored
 * encrypted), record the contract, and call its view functions through the API. {@code /api/v1/contracts}.
 */
package io.chainwatch.registry.contract;
