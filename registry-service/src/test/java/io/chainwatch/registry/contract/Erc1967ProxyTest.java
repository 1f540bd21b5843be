package io.chainwatch.registry.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed proxy bytecode is ChainWatch's ERC-1967 proxy: the standard slots, the one admin function, and what
 * the scanner says of it. (That it is what {@code ChainWatchProxy.sol} compiles to is checked by regenerating it with
 * the README's command, which is deterministic; the build runs no compiler.)
 */
class Erc1967ProxyTest {

    @Test
    void theSlotsAreErc1967s() {
        assertThat(Numeric.toHexStringWithPrefixZeroPadded(Erc1967Proxy.IMPLEMENTATION_SLOT, 64)).isEqualTo(
                Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(Hash.sha3String(
                        "eip1967.proxy.implementation")).subtract(java.math.BigInteger.ONE), 64));
        assertThat(Numeric.toHexStringWithPrefixZeroPadded(Erc1967Proxy.ADMIN_SLOT, 64)).isEqualTo(
                Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(Hash.sha3String("eip1967.proxy.admin"))
                        .subtract(java.math.BigInteger.ONE), 64));
    }

    @Test
    void theBytecodeUsesTheSlotsAndAnswersUpgradeToAndCallOnly() throws IOException {
        String code = Erc1967Proxy.BYTECODE;
        assertThat(code).startsWith("0x6080").matches("0x([0-9a-f]{2})+");
        assertThat(code).contains(Numeric.toHexStringNoPrefixZeroPadded(Erc1967Proxy.IMPLEMENTATION_SLOT, 64))
                .contains(Numeric.toHexStringNoPrefixZeroPadded(Erc1967Proxy.ADMIN_SLOT, 64));
        String selector = Hash.sha3String("upgradeToAndCall(address,bytes)").substring(2, 10);
        assertThat(code).contains("63" + selector); // PUSH4 selector in the dispatcher
        assertThat(Erc1967Proxy.upgradeToAndCall("0x" + "12".repeat(20), new byte[0])).startsWith("0x" + selector);

        JsonNode abi = new JsonMapper().readTree(resource("ChainWatchProxy.abi.json"));
        assertThat(abi.valueStream().filter(e -> e.path("type").asString().equals("function"))
                .map(e -> e.path("name").asString())).containsExactly("upgradeToAndCall");
        // the scanner sees the delegation and an upgrade function that checks msg.sender
        assertThat(ContractScanner.scan(code, abi).findings().stream().map(f -> f.check() + ":" + f.severity()))
                .containsExactlyInAnyOrder("DELEGATECALL:medium", "UPGRADE_FUNCTION:info");
    }

    @Test
    void theConstructorTakesImplementationAdminAndInitializer() {
        String data = Erc1967Proxy.creation("0x" + "aa".repeat(20), "0x" + "bb".repeat(20), new byte[] {1, 2});
        String args = data.substring(Erc1967Proxy.BYTECODE.length());
        assertThat(args.substring(0, 64)).isEqualTo("0".repeat(24) + "aa".repeat(20));
        assertThat(args.substring(64, 128)).isEqualTo("0".repeat(24) + "bb".repeat(20));
        assertThat(args.substring(192, 256)).as("initializer length").isEqualTo("0".repeat(63) + "2");
        assertThat(args.substring(256, 260)).isEqualTo("0102");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Erc1967ProxyTest.class.getResourceAsStream("/contracts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
