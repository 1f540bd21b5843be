/**
 * The built-in Fabric adapter: the standard operations group on a registered FABRIC chain
 * ({@link io.chainwatch.registry.fabric.FabricOperations}, through the system chaincode {@code qscc} of the chain's
 * peers, see {@link io.chainwatch.registry.fabric.qscc}), the upgrade readiness of a chaincode (its committed
 * definition and who approved the next sequence, from {@code _lifecycle}:
 * {@code /api/v1/chains/{id}/chaincodes/{name}/upgrade-readiness}), and the client identities organizations give the
 * registry for their peers ({@code /api/v1/organizations/{orgId}/fabric-identities/{mspId}}: certificate and
 * private key, the key stored encrypted with the secret store and never returned).
 */
package io.chainwatch.registry.fabric;
