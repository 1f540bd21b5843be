/**
 * Business chains of an alliance ({@code /api/v1/business-chains}) and their blockchains
 * ({@code /api/v1/blockchains}), and which business chain a monitored chain serves
 * ({@code /api/v1/chains/{id}/business-chain}, {@link io.chainwatch.registry.businesschain.ChainLinkService}): its
 * nodes' targets on {@code chainwatch.targets} then carry the ids of the business chain's alliance
 * ({@code NodeTarget.allianceIds}, see {@link io.chainwatch.registry.monitoredchain.ChainAlliances}).
 *
 * <p>A business chain's create mode is checked against its members' resource spaces
 * ({@link io.chainwatch.registry.businesschain.CreateMode#check}); members must be active members of the alliance,
 * and a blockchain's organizations members of its business chain. Updates need {@code If-Match}.
 */
package io.chainwatch.registry.businesschain;
