/** Encryption of secrets at rest (source passwords): AES-GCM with a key id, so the key can rotate. */
package io.chainwatch.cdc.secret;
