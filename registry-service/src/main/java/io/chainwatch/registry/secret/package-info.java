/**
 * Secrets at rest: access keys, secret keys, tokens and private keys are stored once each in
 * {@code registry.secret}, encrypted with AES-256-GCM under a data key named by its id
 * ({@link io.chainwatch.registry.secret.SecretCipher}). The API never returns a secret, only a
 * {@link io.chainwatch.registry.secret.SecretView} (set + fingerprint: an HMAC, keyed and per organization). Rotation:
 * make a new key active; the {@link io.chainwatch.registry.secret.SecretRotation} job re-encrypts rows still under an
 * old key, and replaces unkeyed fingerprints of secrets stored before fingerprints were keyed.
 */
package io.chainwatch.registry.secret;
