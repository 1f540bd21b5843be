/**
 * Reconciliation: keeps the monitored nodes in step with what the platforms run. For every platform that runs
 * monitored chains ({@code registry.platform_chain}, written by provisioning), {@link
 * io.chainwatch.registry.reconciliation.Reconciler} first asks (networkDetails when mapped, then the nodes of each
 * chain) and changes nothing until every answer is in: a platform that does not answer (unreachable, an error
 * status other than 404/410) gives an {@code UNREACHABLE} run and no change at all. Then, in one transaction: a
 * node the platform reports and ChainWatch does not know is created (its target published); one ChainWatch polls
 * that the platform no longer reports — or whose chain or network the platform says no longer exists (404/410) — is
 * retired (a tombstone stops the polling, the node stays with {@code retiredAt}); a retired node that is back is
 * reinstated; a changed RPC URL is followed. Each run and its differences are stored ({@code
 * registry.reconciliation_run}) and audited. Runs every {@code chainwatch.registry.reconciliation.interval}
 * (5 min) on one instance (a db-scheduler recurring task; not for a deactivated organization's platforms) and on
 * demand: {@code POST|GET
 * /api/v1/platforms/{id}/reconciliation}. The standard interface has no "list chains" operation, so chains a
 * platform runs that ChainWatch did not provision are not discovered.
 */
package io.chainwatch.registry.reconciliation;
