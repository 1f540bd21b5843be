/** Who may call the API: API-key authentication of {@code /api/**} requests. */
package io.chainwatch.gateway.auth;
