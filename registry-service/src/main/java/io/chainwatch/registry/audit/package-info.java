/**
 * The audit log: every mutating call writes, in its own transaction, who (the caller's subject and
 * organization, from the gateway's internal token), which organization the resource belongs to, what (action, resource), the resource before and after as JSON (the API's view, so never a
 * secret) and when. {@code GET /api/v1/audit} with filters and paging; a
 * caller sees the entries of its own organization's resources only, a platform admin all.
 */
package io.chainwatch.registry.audit;
