package io.chainwatch.registry.platform;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import tools.jackson.databind.JsonNode;

/** Bodies of the platform endpoints. */
public final class PlatformRequests {

    private PlatformRequests() {
    }

    /**
     * {@code POST /api/v1/platforms}.
     *
     * @param baseUrl  where the platform's management API is, e.g. {@code https://baas.example/api}
     * @param auth     credentials; none when absent
     * @param caCertificate PEM CA certificate(s) the platform's HTTPS certificate must chain to; the JDK's trust
     *                      store when absent
     * @param openApi  the platform's management API, an OpenAPI 3 document (JSON or YAML text)
     * @param template the mapping onto the standard interface ({@link MappingTemplate})
     */
    public record Register(
            @NotNull UUID orgId,
            @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
            String name,
            @NotBlank @Size(max = 2048) @Pattern(regexp = "https?://[^\\s]+", message = "must be an http or https URL")
            String baseUrl,
            @Valid Auth auth,
            @Size(max = 65536) String caCertificate,
            @NotBlank @Size(max = 2_000_000) String openApi,
            @NotNull MappingTemplate template) {
    }

    /** Credentials of a platform; stored encrypted, never returned. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Token.class, name = "TOKEN"),
            @JsonSubTypes.Type(value = AkSk.class, name = "AK_SK"),
            @JsonSubTypes.Type(value = TlsClientCertificate.class, name = "TLS_CLIENT_CERT")})
    public sealed interface Auth {
    }

    /** Sent as {@code Authorization: Bearer <token>}. */
    public record Token(@NotBlank @Size(max = 16384) String token) implements Auth {
    }

    /** Requests carry the access key and an HMAC-SHA256 signature made with the secret key. */
    public record AkSk(@NotBlank @Size(max = 4096) String accessKey, @NotBlank @Size(max = 4096) String secretKey)
            implements Auth {
    }

    /**
     * Mutual TLS: the registry presents this certificate; the key (PKCS#8 PEM) is stored encrypted, never returned.
     */
    public record TlsClientCertificate(@NotBlank @Size(max = 65536) String certificate,
            @NotBlank @Size(max = 65536) String privateKey) implements Auth {
    }

    /** {@code POST /api/v1/platforms/{id}/operations/{operation}}: the operation's inputs by name. */
    public record Invoke(JsonNode inputs) {
    }
}
