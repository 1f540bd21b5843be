/**
 * The built-in Fabric adapter: the standard operations group on a registered FABRIC chain
 * ({@link io.chainwatch.registry.fabric.FabricOperations}, through the system chaincode {@code qscc} of the chain's
 * peers, see {@link io.chainwatch.registry.fabric.qscc}), and the client identities organizations give the
 * registry for their peers ({@code /api/v1/organizations/{orgId}/fabric-identities/{mspId}}: certificate and
 * private key, the key stored encrypted with the secret store and never returned).
 */
package io.chainwatch.registry.fabric;
