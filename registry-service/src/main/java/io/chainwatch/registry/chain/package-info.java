/**
 * Chains: one network (Ethereum, Fabric) of an organization. {@code /api/v1/chains}; names are unique within
 * their organization.
 */
package io.chainwatch.registry.chain;
