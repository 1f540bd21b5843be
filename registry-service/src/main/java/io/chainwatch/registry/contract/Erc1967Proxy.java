package io.chainwatch.registry.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthGetStorageAt;
import org.web3j.utils.Numeric;

/**
 * ChainWatch's upgrade proxy ({@code contracts/ChainWatchProxy.sol}, compiled bytecode committed beside it; see the
 * README there): its creation code, the encoding of its one function {@code upgradeToAndCall(address,bytes)}, and
 * the reading of its ERC-1967 slots.
 */
final class Erc1967Proxy {

    /** {@code bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1)}. */
    static final BigInteger IMPLEMENTATION_SLOT =
            Numeric.toBigInt("0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc");
    /** {@code bytes32(uint256(keccak256("eip1967.proxy.admin")) - 1)}. */
    static final BigInteger ADMIN_SLOT =
            Numeric.toBigInt("0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103");

    /** Creation bytecode of ChainWatchProxy, 0x-prefixed. */
    static final String BYTECODE = "0x" + resource("/contracts/ChainWatchProxy.bin").strip();

    private Erc1967Proxy() {
    }

    /** Creation data: the proxy's code and its constructor (implementation, admin, initializer call or empty). */
    static String creation(String implementation, String admin, byte[] initializer) {
        return BYTECODE + Numeric.cleanHexPrefix(FunctionEncoder.encodeConstructor(List.of(
                new Address(implementation), new Address(admin), new DynamicBytes(initializer))));
    }

    /** Call data of {@code upgradeToAndCall(newImplementation, call)}. */
    static String upgradeToAndCall(String newImplementation, byte[] call) {
        return FunctionEncoder.encode(new Function("upgradeToAndCall",
                List.of(new Address(newImplementation), new DynamicBytes(call)), List.of()));
    }

    /** The address stored in an ERC-1967 slot of {@code proxy}, lower-case 0x-hex. */
    static String read(Web3j web3j, String proxy, BigInteger slot) throws IOException {
        EthGetStorageAt answer = web3j.ethGetStorageAt(proxy, slot, DefaultBlockParameterName.LATEST).send();
        if (answer.hasError()) {
            throw new io.chainwatch.registry.web.PlatformCallException("the node cannot read the proxy's slot: "
                    + answer.getError().getMessage());
        }
        String word = Numeric.cleanHexPrefix(answer.getData());
        return "0x" + word.substring(Math.max(0, word.length() - 40)).toLowerCase(java.util.Locale.ROOT);
    }

    private static String resource(String name) {
        try (InputStream in = Erc1967Proxy.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the registry's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
