/**
 * What the alert service removes of an organization a platform admin deleted
 * ({@link io.chainwatch.alert.organization.OrganizationDeleted}):
 * {@link io.chainwatch.alert.orgdeletion.DeletedOrganizationData}. This package depends on the {@code organization}
 * package's event and on the rule store (so that rule deletion closes the rules' open alerts as any rule deletion
 * does); the rest it removes by table.
 */
package io.chainwatch.alert.orgdeletion;
