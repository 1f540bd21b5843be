package io.chainwatch.registry.signingkey;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/organizations/{orgId}/signing-keys}.
 *
 * @param name       unique in the organization
 * @param privateKey to import a key: 0x and 64 hex digits (a secp256k1 private key); absent: the registry
 *                   generates one. Stored encrypted, never returned.
 */
public record SigningKeyRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
        String name,
        @Pattern(regexp = "0x[0-9a-fA-F]{64}", message = "must be 0x and 64 hex digits") String privateKey) {

    @Override
    public String toString() {
        return "SigningKeyRequest[name=" + name + ", privateKey=" + (privateKey == null ? "null" : "***") + "]";
    }
}
