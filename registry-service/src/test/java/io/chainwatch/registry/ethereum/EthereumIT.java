package io.chainwatch.registry.ethereum;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.testkit.Anvil;
import io.chainwatch.testkit.FreePorts;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real anvil: a contract deployed through the API (bytecode + ABI, constructor arguments), recorded, and its
 * view functions called; the native Ethereum adapter's standard operations on the chain's nodes, one of them down.
 */
class EthereumIT extends RegistryTestBase {

    /** anvil's first dev account (the well-known test mnemonic); never a real key. */
    private static final String DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final String DEV_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    private static Anvil anvil;

    @BeforeAll
    static void startAnvil() {
        anvil = Anvil.start(0, null);
    }

    @AfterAll
    static void stopAnvil() {
        anvil.close();
    }

    @Test
    void deployACallViewFunctionsAndReadTheChainNatively() throws IOException {
        String orgId = createOrganization("eth");
        String chainId = createChain(orgId, "anvil-native");
        assertThat(post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"live\", \"rpcUrl\": \""
                + anvil.rpcUrl() + "\"}").status()).isEqualTo(201);
        assertThat(post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"dead\", \"rpcUrl\": "
                + "\"http://127.0.0.1:" + FreePorts.next() + "\"}").status()).isEqualTo(201);

        // deploy, signed by an organization signing key (the dev key, imported)
        Response imported = post("/api/v1/organizations/" + orgId + "/signing-keys", "{\"name\": \"dev\","
                + " \"privateKey\": \"" + DEV_KEY + "\"}");
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String keyId = imported.field("id");
        String abi = resource("Counter.abi.json");
        Response deployed = post("/api/v1/contracts", "{\"chainId\": \"" + chainId + "\", \"name\": \"counter\","
                + " \"abi\": " + abi + ", \"bytecode\": \"" + resource("Counter.bin").strip() + "\","
                + " \"constructorArgs\": [\"hello\", 7], \"keyId\": \"" + keyId + "\"}");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        assertThat(deployed.body()).doesNotContain(DEV_KEY.substring(2));
        JsonNode contract = deployed.json();
        String contractId = contract.path("id").asString();
        String address = contract.path("address").asString();
        assertThat(address).matches("0x[0-9a-f]{40}");
        assertThat(contract.path("deployer").asString()).isEqualTo(DEV_ADDRESS);
        assertThat(contract.path("signingKeyId").asString()).isEqualTo(keyId);
        assertThat(contract.path("upgradeable").asBoolean()).isFalse();
        assertThat(contract.path("implementation").asString()).isEqualTo(contract.path("address").asString());
        assertThat(contract.path("orgId").asString()).isEqualTo(orgId);
        assertThat(get("/api/v1/contracts/" + contractId).json()).isEqualTo(contract);
        assertThat(get("/api/v1/contracts?chainId=" + chainId + "&address=" + address.toUpperCase().replace("0X", "0x"))
                .header("X-Total-Count")).isEqualTo("1");
        assertThat(anvil.call("eth_getCode", "[\"" + address + "\", \"latest\"]")).contains("\"result\":\"0x6080");

        // view calls
        assertThat(call(contractId, "get", "[]").path("outputs").get(0).asLong()).isEqualTo(7);
        assertThat(call(contractId, "add", "[2, \"40\"]").path("outputs").get(0).asLong()).isEqualTo(42);
        assertThat(call(contractId, "name", "[]").path("outputs").get(0).asString()).isEqualTo("hello");
        assertThat(call(contractId, "owner", "[]").path("outputs").get(0).asString()).isEqualTo(DEV_ADDRESS);
        JsonNode info = call(contractId, "info", null).path("outputs");
        assertThat(info.get(0).asString()).isEqualTo("hello");
        assertThat(info.get(1).asLong()).isEqualTo(7);
        assertThat(info.get(2).asBoolean()).isFalse();

        Response write = post("/api/v1/contracts/" + contractId + "/calls", "{\"function\": \"set\", \"args\": [1]}");
        assertThat(write.status()).isEqualTo(409);
        assertThat(write.json().path("detail").asString()).contains("nonpayable", "only view and pure");
        assertThat(post("/api/v1/contracts/" + contractId + "/calls", "{\"function\": \"nope\"}").status())
                .isEqualTo(404);
        assertThat(post("/api/v1/contracts/" + contractId + "/calls", "{\"function\": \"add\", \"args\": [1]}")
                .status()).isEqualTo(400);
        assertThat(post("/api/v1/contracts/" + contractId + "/calls",
                "{\"function\": \"add\", \"args\": [\"abc\", 1]}").json().path("detail").asString())
                .contains("args[0]", "uint256");
        assertThat(post("/api/v1/contracts", "{\"chainId\": \"" + chainId + "\", \"name\": \"counter\", \"abi\": "
                + abi + ", \"bytecode\": \"0x00\", \"keyId\": \"" + keyId + "\"}").status())
                .as("name taken").isEqualTo(409);

        // native standard operations
        JsonNode summary = operation(chainId, "ledgerSummary", "{}");
        assertThat(summary.path("blockHeight").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(summary.path("transactionCount").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode chainInfo = operation(chainId, "chainInfo", "{}");
        assertThat(chainInfo.path("chainId").asString()).isEqualTo("31337");
        assertThat(chainInfo.path("name").asString()).isEqualTo("anvil-native");
        String txHash = contract.path("txHash").asString();
        JsonNode tx = operation(chainId, "transaction", "{\"hash\": \"" + txHash + "\"}");
        assertThat(tx.path("status").asString()).isEqualTo("SUCCESS");
        assertThat(tx.path("contractAddress").asString()).isEqualTo(address);
        assertThat(tx.path("from").asString()).isEqualTo(DEV_ADDRESS);
        long block = contract.path("blockNumber").asLong();
        JsonNode txs = operation(chainId, "transactionList", "{\"block\": " + block + "}");
        assertThat(txs.path("transactions").valueStream().map(t -> t.path("hash").asString())).contains(txHash);
        JsonNode blocks = operation(chainId, "blockList", "{\"from\": 0, \"to\": " + block + "}").path("blocks");
        assertThat(blocks).hasSize((int) block + 1);
        assertThat(blocks.get((int) block).path("transactionCount").asInt()).isEqualTo(1);
        JsonNode nodes = operation(chainId, "nodes", "{}").path("nodes");
        assertThat(nodes).hasSize(2);
        assertThat(nodes.get(0).path("reachable").asBoolean()).isTrue();
        assertThat(nodes.get(0).path("blockHeight").asLong()).isEqualTo(summary.path("blockHeight").asLong());
        assertThat(nodes.get(0).path("peerCount").isNull()).as("anvil has no net_peerCount").isTrue();
        assertThat(nodes.get(1).path("reachable").asBoolean()).isFalse();
        assertThat(operation(chainId, "monitoring", "{}").path("status").asString()).isEqualTo("DEGRADED");

        assertThat(post("/api/v1/chains/" + chainId + "/operations/createChain", "{}").status()).isEqualTo(409);
        assertThat(post("/api/v1/chains/" + chainId + "/operations/warp", "{}").status()).isEqualTo(404);
        assertThat(post("/api/v1/chains/" + chainId + "/operations/transaction", "{\"inputs\": {\"hash\": \"0x12\"}}")
                .status()).isEqualTo(400);
        String fabric = post("/api/v1/chains", "{\"orgId\": \"" + orgId + "\", \"name\": \"fab\", \"platform\": "
                + "\"FABRIC\"}").field("id");
        assertThat(post("/api/v1/chains/" + fabric + "/operations/ledgerSummary", "{}").status()).isEqualTo(409);
    }

    private JsonNode call(String contractId, String function, String args) {
        Response response = post("/api/v1/contracts/" + contractId + "/calls", "{\"function\": \"" + function + "\""
                + (args == null ? "" : ", \"args\": " + args) + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode operation(String chainId, String operation, String inputs) {
        Response response = post("/api/v1/chains/" + chainId + "/operations/" + operation, "{\"inputs\": " + inputs + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("operation").asString()).isEqualTo(operation);
        return response.json().path("result");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EthereumIT.class.getResourceAsStream("/contracts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
