/**
 * API keys of an organization: the gateway authenticates a caller that sends {@code Authorization: Bearer cw_...}
 * by asking {@code POST /internal/api-keys/verify}, and vouches for the key's organization and role in its internal
 * token. Org admins create ({@code POST /api/v1/organizations/{orgId}/api-keys}; the key is shown once), list and
 * revoke their keys. A key is {@code cw_<prefix>_<secret>}: the prefix (8 of [a-z0-9]) names it in listings, logs and
 * the caller's subject ({@code key:<prefix>}); only the SHA-256 of the whole key is stored.
 */
package io.chainwatch.registry.apikey;
