/**
 * The identity service: Spring Authorization Server as an OIDC provider with a sign-in page, for the local stack and
 * docker-compose (a company points the gateway at its own provider instead). {@link io.chainwatch.identity.IdentityUsers}
 * are the people who may sign in, each with ChainWatch roles and an organization, which
 * {@link io.chainwatch.identity.AuthorizationServerConfig} puts into the tokens as the claims the gateway reads
 * ({@code roles}, {@code org}); the console is a public client (authorization code + PKCE);
 * {@link io.chainwatch.identity.SignInThrottle} answers 429 with {@code Retry-After} after repeated failed sign-ins
 * of one user or from one source.
 */
package io.chainwatch.identity;
