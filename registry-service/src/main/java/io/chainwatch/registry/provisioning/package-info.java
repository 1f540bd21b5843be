/**
 * Provisioning: a business chain built on a registered platform through the platform's standard interface
 * (network and chain management, mapped by its template), as a task ({@code business-chain.provision}) with
 * visible steps. {@link io.chainwatch.registry.provisioning.ProvisioningPlan} lays the steps out by create mode:
 * createNetwork → joinNetwork (other members, shared mode) → createChain → joinChain (other members, shared mode)
 * → monitor (the chain and the nodes the platform reports become monitored chain and nodes, their targets go out
 * through the outbox). A failed step rolls back the completed ones in reverse order — on the platform
 * (deleteChain, leaveChain, leaveNetwork, deleteNetwork) and in the registry — and the task names the failed step
 * and why. What a step created on the platform is kept in {@code registry.provisioning_output} (committed with the
 * step); which monitored chain runs on which platform chain in {@code registry.platform_chain}, which
 * reconciliation walks. {@code POST|GET /api/v1/business-chains/{id}/provisioning}.
 */
package io.chainwatch.registry.provisioning;
