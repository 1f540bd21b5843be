package io.chainwatch.registry.apikey;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the API key endpoints. */
public final class ApiKeyRequests {

    private ApiKeyRequests() {
    }

    /**
     * {@code POST /api/v1/organizations/{orgId}/api-keys}.
     *
     * @param name      what the key is for, e.g. "CI pipeline"
     * @param role      {@code viewer}, {@code operator} or {@code org-admin}; at most the creator's own role
     * @param expiresAt when the key stops working (ISO-8601 instant in the future); never when absent
     */
    public record Create(
            @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
            String name,
            @NotNull @Size(max = 32) String role,
            Instant expiresAt) {
    }

    /**
     * {@code POST /internal/api-keys/verify}: the key a caller presented to the gateway. A missing or malformed key
     * is answered like an unknown one (404).
     */
    public record Verify(String key) {
    }
}
