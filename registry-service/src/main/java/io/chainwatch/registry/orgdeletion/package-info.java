/**
 * Deletion of an organization by a platform admin ({@code DELETE /api/v1/organizations/{id}}), the second step after
 * its deactivation. {@link io.chainwatch.registry.orgdeletion.OrganizationDeletion} removes, in one transaction,
 * everything the organization owns (see {@link io.chainwatch.registry.orgdeletion.OwnedData} for the list), its nodes
 * through the node service's own delete (so a tombstone withdraws each node's target and the collectors stop polling
 * it), keeps the organization's row as an anonymized tombstone (audit entries and the tamper-evident log keep its id),
 * audits {@code organization.delete} with the counts of what was removed, and publishes the deletion on
 * {@code chainwatch.organizations} for the alert and CDC services. It refuses (409) while the organization still
 * leads an alliance or owns a business chain that other organizations take part in: ChainWatch does not hand those
 * over on its own.
 */
package io.chainwatch.registry.orgdeletion;
