/**
 * Business chains of an alliance ({@code /api/v1/business-chains}) and their blockchains
 * ({@code /api/v1/blockchains}). A business chain's create mode is checked against its members' resource spaces
 * ({@link io.chainwatch.registry.businesschain.CreateMode#check}); members must be active members of the alliance,
 * and a blockchain's organizations members of its business chain. Updates need {@code If-Match}.
 */
package io.chainwatch.registry.businesschain;
