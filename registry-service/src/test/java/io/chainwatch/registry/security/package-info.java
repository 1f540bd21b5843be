/**
 * Integration tests of the registry's security: organization isolation on every endpoint, roles, API keys, the
 * gateway's internal token (missing, forged) and the URL guard under a strict policy.
 */
package io.chainwatch.registry.security;
