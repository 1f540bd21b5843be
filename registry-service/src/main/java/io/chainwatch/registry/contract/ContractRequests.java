package io.chainwatch.registry.contract;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import tools.jackson.databind.JsonNode;

/** Bodies of the contract endpoints. */
public final class ContractRequests {

    private ContractRequests() {
    }

    /**
     * {@code POST /api/v1/contracts}.
     *
     * @param abi             the contract's ABI (JSON array)
     * @param bytecode        creation bytecode, 0x-prefixed hex
     * @param constructorArgs constructor arguments in ABI order (numbers as JSON numbers or decimal strings)
     * @param keyId           the organization signing key that signs (and, when upgradeable, administers the proxy)
     * @param upgradeable     deploy the code as the implementation behind a ChainWatch ERC-1967 proxy
     * @param initializer     upgradeable only: a function of the implementation the proxy calls once when created
     *                        (e.g. {@code {"function": "initialize", "args": [5]}}); absent: none
     */
    public record Deploy(
            @NotNull UUID chainId,
            @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
            String name,
            @NotNull JsonNode abi,
            @NotBlank @Pattern(regexp = "0x([0-9a-fA-F]{2})+", message = "must be 0x-prefixed hex bytecode")
            String bytecode,
            JsonNode constructorArgs,
            @NotNull UUID keyId,
            Boolean upgradeable,
            @Valid Call initializer) {

        boolean isUpgradeable() {
            return Boolean.TRUE.equals(upgradeable);
        }
    }

    /**
     * {@code POST /api/v1/contracts/{id}/upgrade}: the new implementation, and a function of it the proxy calls
     * right after switching ({@code call}, optional, e.g. a migration).
     *
     * @param keyId the signing key that signs; it must be the proxy's admin (the key that deployed the contract)
     */
    public record Upgrade(
            @NotNull JsonNode abi,
            @NotBlank @Pattern(regexp = "0x([0-9a-fA-F]{2})+", message = "must be 0x-prefixed hex bytecode")
            String bytecode,
            JsonNode constructorArgs,
            @NotNull UUID keyId,
            @Valid Call call) {
    }

    /** {@code POST /api/v1/contracts/{id}/calls}: a view or pure function and its arguments. */
    public record Call(@NotBlank String function, JsonNode args) {
    }

    /** Body of {@code POST /api/v1/contracts/scans}. */
    public record ScanCode(@jakarta.validation.constraints.NotBlank
            @jakarta.validation.constraints.Size(max = 100_000) String bytecode, JsonNode abi) {
    }

    /** Body of {@code POST /api/v1/contracts/{id}/terminate}. */
    public record Terminate(@jakarta.validation.constraints.Size(max = 300) String reason) {
    }
}
