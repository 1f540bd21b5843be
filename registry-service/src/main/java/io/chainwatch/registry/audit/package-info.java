/**
 * The audit log: every mutating call writes, in its own transaction, who ({@code X-ChainWatch-Actor}), which
 * organization, what (action, resource), the resource before and after as JSON (the API's view, so never a
 * secret) and when. {@code GET /api/v1/audit} with filters and paging.
 */
package io.chainwatch.registry.audit;
