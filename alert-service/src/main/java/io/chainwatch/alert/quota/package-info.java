/**
 * Quotas per organization for what the alert service holds and sends: rules, receivers, recipients per rule
 * ({@code emailTo}) and alert SMS per hour. Defaults from configuration ({@code chainwatch.alert.quotas.*}; the
 * SMS one is {@code chainwatch.alert.sms.per-hour}), a platform admin's overrides in {@code alert.quota_override}
 * ({@code PUT /api/v1/quotas?orgId=}, reached only through the gateway's {@code /api/v1/organizations/{id}/quotas}).
 * A create over a count is a 409 problem naming the quota, nothing written; SMS over the hourly limit are held back
 * and summarized to each SMS receiver once per hour (the notification planner), never dropped silently.
 */
package io.chainwatch.alert.quota;
