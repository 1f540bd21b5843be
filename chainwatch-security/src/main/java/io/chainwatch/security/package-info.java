/**
 * Trusting a caller inside ChainWatch. The gateway authenticates every public request (API key or bearer token)
 * and forwards it with a short-lived {@linkplain InternalTokenIssuer internal token} it signs (ES256); a service
 * accepts a request only with a valid token ({@link CallerFilter}), and binds it to the {@link Caller}'s
 * organization and {@link Role}. {@link UrlGuard} checks URLs that users give (nodes, webhooks, platforms).
 * {@link AesGcmKeys} encrypts the secrets services store (AES-256-GCM under rotating, named keys).
 * {@link ControlCharacters}: control characters in a request's path, query or JSON body are refused before any
 * controller (by {@link CallerFilter}); {@link ProblemErrorReportValve}: Tomcat's own error answers as RFC 9457
 * problems; {@link SecretUrls}: the API keys a node URL may carry, masked for display, logs and messages.
 */
package io.chainwatch.security;
