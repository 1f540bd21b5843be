/**
 * {@code /api/v1/organizations/{id}/quotas}: an organization's quotas across the services, answered by the gateway.
 * Each service keeps the quotas of what it holds (registry: chains, nodes, min-poll-interval-ms, api-keys; alert:
 * rules, receivers, recipients-per-rule, sms-per-hour; CDC: cdc-sources), with defaults in its configuration and a
 * platform admin's overrides in its own table, and enforces them. The gateway asks each one
 * ({@code /api/v1/quotas?orgId=}, a path it never routes) with an internal token for the caller, and merges the
 * answers; a {@code PUT} is split by quota name and sent to the service that owns each.
 */
package io.chainwatch.gateway.quota;
