package io.chainwatch.registry.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed proxy bytecode is ChainWatch's ERC-1967 proxy: compiled from the committed source (its metadata hash
 * commits to the source's keccak256, compiler and settings), the standard slots, the one admin function, and what the
 * scanner says of it. The build runs no compiler: {@code contracts/compile.sh} regenerates the files.
 */
class Erc1967ProxyTest {

    @Test
    void theCommittedBytecodeIsCompiledFromTheCommittedSource() throws IOException {
        byte[] source = bytes("ChainWatchProxy.sol");
        byte[] metadata = bytes("ChainWatchProxy.metadata.json");
        JsonNode meta = new JsonMapper().readTree(metadata);
        // the metadata names the source by its hash, the compiler and the settings of compile.sh
        assertThat(meta.path("sources").path("ChainWatchProxy.sol").path("keccak256").asString())
                .isEqualTo(Numeric.toHexString(Hash.sha3(source)));
        assertThat(meta.path("compiler").path("version").asString()).startsWith("0.8.26+");
        assertThat(meta.path("settings").path("optimizer").path("enabled").asBoolean()).isTrue();
        assertThat(meta.path("settings").path("optimizer").path("runs").asInt()).isEqualTo(200);
        // and the bytecode ends with solc's CBOR trailer {"ipfs": <hash of that metadata file>, "solc": 0.8.26}
        assertThat(Erc1967Proxy.BYTECODE).endsWith("a264697066735822" + ipfs(metadata) + "64736f6c6343" + "00081a"
                + "0033");
    }

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

    /**
     * The IPFS (CIDv0) multihash solc puts in the trailer for a file of less than 256 KiB: sha2-256 of the file as one
     * UnixFS protobuf node ({@code Data{Type: File, Data, filesize}} inside {@code PBNode{Data}}).
     */
    private static String ipfs(byte[] file) {
        ByteArrayOutputStream unixfs = new ByteArrayOutputStream();
        unixfs.writeBytes(new byte[] {0x08, 0x02, 0x12});
        unixfs.writeBytes(varint(file.length));
        unixfs.writeBytes(file);
        unixfs.write(0x18);
        unixfs.writeBytes(varint(file.length));
        ByteArrayOutputStream node = new ByteArrayOutputStream();
        node.write(0x0a);
        node.writeBytes(varint(unixfs.size()));
        node.writeBytes(unixfs.toByteArray());
        try {
            return "1220" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(node.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] varint(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int v = value;
        while (v >= 0x80) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
        return out.toByteArray();
    }

    private static String resource(String name) throws IOException {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = Erc1967ProxyTest.class.getResourceAsStream("/contracts/" + name)) {
            return in.readAllBytes();
        }
    }
}
