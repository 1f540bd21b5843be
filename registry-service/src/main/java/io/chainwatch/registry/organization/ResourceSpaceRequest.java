package io.chainwatch.registry.organization;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A resource space in a request; {@code type} decides the record: {@code TENANT} (cloud users) or
 * {@code PHYSICAL} (off-cloud users).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ResourceSpaceRequest.Tenant.class, name = "TENANT"),
        @JsonSubTypes.Type(value = ResourceSpaceRequest.Physical.class, name = "PHYSICAL")})
public sealed interface ResourceSpaceRequest {

    ResourceSpaceKind kind();

    /**
     * A tenant space on a cloud. The access key, secret key and token are encrypted at rest and never returned;
     * on a replace, one left out ({@code null}) keeps its current value.
     */
    record Tenant(
            @NotBlank @Size(max = 128) String tenantId,
            @Size(max = 200) String tenantName,
            @NotBlank @Size(max = 128) String projectId,
            @Size(max = 200) String projectName,
            @Size(min = 1, max = 4096) String accessKey,
            @Size(min = 1, max = 4096) String secretKey,
            @Size(min = 1, max = 16384) String token) implements ResourceSpaceRequest {

        @Override
        public ResourceSpaceKind kind() {
            return ResourceSpaceKind.TENANT;
        }
    }

    /** A physical resource set: the hosts the organization contributes. */
    record Physical(@NotEmpty @Size(max = 200) List<@Valid @NotNull Node> nodes) implements ResourceSpaceRequest {

        @Override
        public ResourceSpaceKind kind() {
            return ResourceSpaceKind.PHYSICAL;
        }
    }

    /**
     * @param host           DNS name or IP address
     * @param port           1 to 65535
     * @param tlsCertificate the node's X.509 certificate in PEM, optional
     */
    record Node(
            @NotBlank @Size(max = 253)
            @Pattern(regexp = "[A-Za-z0-9.:\\[\\]-]+", message = "must be a host name or an IP address")
            String host,
            @NotNull @Min(1) @Max(65535) Integer port,
            @Size(max = 16384) String tlsCertificate) {
    }
}
