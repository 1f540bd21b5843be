/**
 * Abuse limits: request body size, and request rate per caller and per organization (token buckets of
 * {@code io.chainwatch.gateway.buckets}: in memory, or in Redis shared by every gateway instance).
 */
package io.chainwatch.gateway.limit;
