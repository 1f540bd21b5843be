/**
 * Who may call the API: API-key and bearer-token authentication of {@code /api/**} requests, the internal token
 * the services get, and {@link io.chainwatch.gateway.auth.FailedSignIns}, which throttles failed attempts per
 * source address and per key prefix.
 */
package io.chainwatch.gateway.auth;
