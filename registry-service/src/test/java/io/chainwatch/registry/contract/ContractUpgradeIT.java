package io.chainwatch.registry.contract;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
import io.chainwatch.testkit.Anvil;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real anvil: organization signing keys (generated, imported, listed, deleted, scoped to their organization)
 * sign contract deployments; an upgradeable contract is deployed behind ChainWatch's ERC-1967 proxy, called through
 * the proxy, upgraded to a v2 that keeps its state, and the proxy refuses an upgrade signed by another key.
 */
class ContractUpgradeIT extends RegistryTestBase {

    /** anvil's first two dev accounts (the well-known test mnemonic); never real keys. */
    private static final String DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final String DEV_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final String OTHER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private static final String ADMIN_SLOT = "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103";
    private static final String IMPLEMENTATION_SLOT =
            "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

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
    void organizationKeysAreCreatedListedScopedAndDeleted() {
        String orgId = createOrganization("keys");
        String keys = "/api/v1/organizations/" + orgId + "/signing-keys";

        Response generated = post(keys, "{\"name\": \"ops\"}");
        assertThat(generated.status()).as(generated.body()).isEqualTo(201);
        JsonNode key = generated.json();
        assertThat(key.path("address").asString()).matches("0x[0-9a-f]{40}");
        assertThat(key.path("origin").asString()).isEqualTo("GENERATED");
        assertThat(key.path("privateKey").path("set").asBoolean()).isTrue();
        assertThat(key.path("privateKey").path("fingerprint").asString()).isNotBlank();
        assertThat(generated.body()).doesNotContainPattern("[0-9a-fA-F]{64}");

        Response imported = post(keys, "{\"name\": \"dev\", \"privateKey\": \"" + DEV_KEY + "\"}");
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().path("address").asString()).isEqualTo(DEV_ADDRESS);
        assertThat(imported.json().path("origin").asString()).isEqualTo("IMPORTED");
        assertThat(imported.body()).doesNotContain(DEV_KEY.substring(2));
        // stored encrypted: the secret row holds no plaintext
        byte[] stored = jdbc.sql("select s.ciphertext from registry.secret s join registry.signing_key k"
                        + " on k.key_secret_id = s.id where k.id = :id")
                .param("id", UUID.fromString(imported.field("id"))).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(DEV_KEY.substring(2));

        // bad input: a clear problem, nothing stored
        long before = count("signing_key");
        assertThat(post(keys, "{\"name\": \"dev\"}").status()).as("name taken").isEqualTo(409);
        Response sameKey = post(keys, "{\"name\": \"dev2\", \"privateKey\": \"" + DEV_KEY + "\"}");
        assertThat(sameKey.status()).isEqualTo(409);
        assertThat(sameKey.json().path("detail").asString()).contains(DEV_ADDRESS, "dev");
        Response zero = post(keys, "{\"name\": \"zero\", \"privateKey\": \"0x" + "0".repeat(64) + "\"}");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.contentType()).startsWith("application/problem+json");
        assertThat(zero.json().path("detail").asString()).contains("privateKey");
        assertThat(post(keys, "{\"name\": \"short\", \"privateKey\": \"0x1234\"}").status()).isEqualTo(400);
        assertThat(count("signing_key")).isEqualTo(before);

        JsonNode list = get(keys).json();
        assertThat(list.valueStream().map(k -> k.path("name").asString())).containsExactly("ops", "dev");
        assertThat(get(keys).body()).doesNotContain(DEV_KEY.substring(2));

        // a viewer lists but neither creates nor deletes; another organization sees nothing
        Caller viewer = new Caller("user:viewer", UUID.fromString(orgId), Role.VIEWER);
        assertThat(as(viewer).get(keys).status()).isEqualTo(200);
        assertThat(as(viewer).post(keys, "{\"name\": \"v\"}").status()).isEqualTo(403);
        assertThat(as(viewer).delete(keys + "/" + key.path("id").asString()).status()).isEqualTo(403);
        String other = createOrganization("keys-other");
        Caller adminOther = new Caller("user:admin-o", UUID.fromString(other), Role.ORG_ADMIN);
        assertThat(as(adminOther).get(keys).status()).isEqualTo(404);
        assertThat(as(adminOther).get(keys + "/" + key.path("id").asString()).status()).isEqualTo(404);
        assertThat(as(adminOther).post(keys, "{\"name\": \"x\"}").status()).isEqualTo(404);
        assertThat(as(adminOther).delete(keys + "/" + key.path("id").asString()).status()).isEqualTo(404);
        assertThat(as(adminOther).get("/api/v1/organizations/" + other + "/signing-keys").json()).isEmpty();
        assertThat(count("signing_key")).isEqualTo(before);

        Response deleted = delete(keys + "/" + key.path("id").asString());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(get(keys + "/" + key.path("id").asString()).status()).isEqualTo(404);
        assertThat(get("/api/v1/audit?outcome=success&action=key.create&orgId=" + orgId).header("X-Total-Count"))
                .isEqualTo("2");
        JsonNode deletion = get("/api/v1/audit?outcome=success&action=key.delete&resourceId="
                + key.path("id").asString()).json();
        assertThat(deletion).hasSize(1);
        assertThat(deletion.get(0).path("before").path("address").asString())
                .isEqualTo(key.path("address").asString());
        assertThat(get("/api/v1/audit?orgId=" + orgId).body()).doesNotContain(DEV_KEY.substring(2));
    }

    @Test
    void anUpgradeableContractIsUpgradedThroughItsProxyAndKeepsItsState() throws IOException {
        String orgId = createOrganization("upgrade");
        String chainId = createChain(orgId, unique("anvil"));
        assertThat(post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"n1\", \"rpcUrl\": \""
                + anvil.rpcUrl() + "\"}").status()).isEqualTo(201);
        String keys = "/api/v1/organizations/" + orgId + "/signing-keys";
        String devKey = post(keys, "{\"name\": \"dev\", \"privateKey\": \"" + DEV_KEY + "\"}").field("id");
        String opsKey = post(keys, "{\"name\": \"ops\"}").field("id");

        // deploy v1 behind a proxy, initialised to 5
        Response deployed = post("/api/v1/contracts", "{\"chainId\": \"" + chainId + "\", \"name\": \"counter\", "
                + "\"abi\": " + resource("UpgradeableCounterV1.abi.json") + ", \"bytecode\": \""
                + resource("UpgradeableCounterV1.bin").strip() + "\", \"keyId\": \"" + devKey + "\", "
                + "\"upgradeable\": true, \"initializer\": {\"function\": \"initialize\", \"args\": [5]}}");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        JsonNode v1 = deployed.json();
        String id = v1.path("id").asString();
        String proxy = v1.path("address").asString();
        String implementation1 = v1.path("implementation").asString();
        assertThat(v1.path("upgradeable").asBoolean()).isTrue();
        assertThat(v1.path("revision").asInt()).isEqualTo(1);
        assertThat(v1.path("signingKeyId").asString()).isEqualTo(devKey);
        assertThat(v1.path("deployer").asString()).isEqualTo(DEV_ADDRESS);
        assertThat(implementation1).matches("0x[0-9a-f]{40}").isNotEqualTo(proxy);
        assertThat(slot(proxy, ADMIN_SLOT)).isEqualTo(DEV_ADDRESS);
        assertThat(slot(proxy, IMPLEMENTATION_SLOT)).isEqualTo(implementation1);
        assertThat(call(id, "version").asLong()).isEqualTo(1);
        assertThat(call(id, "get").asLong()).isEqualTo(5);

        // state changed by a user of the contract (another account, directly through the proxy): 6
        TransactionReceipt incremented = transact(OTHER_KEY, proxy, FunctionEncoder.encode(
                new Function("increment", List.of(), List.of())));
        assertThat(incremented.isStatusOK()).isTrue();
        assertThat(call(id, "get").asLong()).isEqualTo(6);
        // a scan reads the implementation's code (not ChainWatch's proxy, which delegates)
        Response scan = post("/api/v1/contracts/" + id + "/scan", "");
        assertThat(scan.status()).as(scan.body()).isEqualTo(200);
        assertThat(scan.json().path("address").asString()).isEqualTo(implementation1);
        assertThat(scan.json().path("report").path("findings")).isEmpty();

        // on chain, the proxy refuses an upgrade signed by anyone but its admin
        TransactionReceipt rogue = transact(OTHER_KEY, proxy, FunctionEncoder.encode(new Function("upgradeToAndCall",
                List.of(new Address(proxy), new DynamicBytes(new byte[0])), List.of())));
        assertThat(rogue.isStatusOK()).as("the proxy checks its admin").isFalse();
        assertThat(slot(proxy, IMPLEMENTATION_SLOT)).isEqualTo(implementation1);

        // refused upgrades change nothing
        String v2Body = "{\"abi\": " + resource("UpgradeableCounterV2.abi.json") + ", \"bytecode\": \""
                + resource("UpgradeableCounterV2.bin").strip() + "\", \"keyId\": \"%s\"}";
        Response notAdmin = post("/api/v1/contracts/" + id + "/upgrade", v2Body.formatted(opsKey));
        assertThat(notAdmin.status()).as(notAdmin.body()).isEqualTo(409);
        assertThat(notAdmin.json().path("detail").asString()).contains("administered by " + DEV_ADDRESS);
        Response broken = post("/api/v1/contracts/" + id + "/upgrade", "{\"abi\": [], \"bytecode\": \"0xfe\", "
                + "\"keyId\": \"" + devKey + "\"}");
        assertThat(broken.status()).as(broken.body()).isEqualTo(400);
        assertThat(broken.contentType()).startsWith("application/problem+json");
        assertThat(broken.json().path("detail").asString()).startsWith("bytecode");
        assertThat(post("/api/v1/contracts/" + id + "/upgrade", v2Body.formatted(UUID.randomUUID())).status())
                .isEqualTo(404);
        String other = createOrganization("upgrade-other");
        Caller adminOther = new Caller("user:admin-o", UUID.fromString(other), Role.ORG_ADMIN);
        assertThat(as(adminOther).post("/api/v1/contracts/" + id + "/upgrade", v2Body.formatted(devKey)).status())
                .isEqualTo(404);
        assertThat(as(adminOther).get("/api/v1/contracts/" + id + "/versions").status()).isEqualTo(404);
        Caller viewer = new Caller("user:viewer", UUID.fromString(orgId), Role.VIEWER);
        assertThat(as(viewer).post("/api/v1/contracts/" + id + "/upgrade", v2Body.formatted(devKey)).status())
                .isEqualTo(403);
        assertThat(get("/api/v1/contracts/" + id).json()).isEqualTo(v1);
        assertThat(get("/api/v1/contracts/" + id + "/versions").json()).hasSize(1);
        assertThat(slot(proxy, IMPLEMENTATION_SLOT)).isEqualTo(implementation1);

        // the upgrade: same address, v2's answers, the stored count kept
        Response upgraded = post("/api/v1/contracts/" + id + "/upgrade", v2Body.formatted(devKey));
        assertThat(upgraded.status()).as(upgraded.body()).isEqualTo(200);
        JsonNode v2 = upgraded.json();
        String implementation2 = v2.path("implementation").asString();
        assertThat(v2.path("address").asString()).isEqualTo(proxy);
        assertThat(implementation2).matches("0x[0-9a-f]{40}").isNotEqualTo(implementation1);
        assertThat(v2.path("revision").asInt()).isEqualTo(2);
        assertThat(slot(proxy, IMPLEMENTATION_SLOT)).isEqualTo(implementation2);
        assertThat(call(id, "version").asLong()).isEqualTo(2);
        assertThat(call(id, "get").asLong()).as("state kept across the upgrade").isEqualTo(6);
        assertThat(call(id, "doubled").asLong()).isEqualTo(12);
        JsonNode versions = get("/api/v1/contracts/" + id + "/versions").json();
        assertThat(versions.valueStream().map(v -> v.path("revision").asInt() + ":" + v.path("implementation")
                .asString())).containsExactly("1:" + implementation1, "2:" + implementation2);
        assertThat(versions.get(0).path("upgradeTxHash").isNull()).isTrue();
        assertThat(versions.get(1).path("upgradeTxHash").asString()).matches("0x[0-9a-f]{64}");
        assertThat(versions.get(1).path("signer").asString()).isEqualTo(DEV_ADDRESS);
        JsonNode audit = get("/api/v1/audit?outcome=success&action=contract.upgrade&resourceId=" + id).json();
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("before").path("implementation").asString()).isEqualTo(implementation1);
        assertThat(audit.get(0).path("after").path("implementation").asString()).isEqualTo(implementation2);
        assertThat(audit.get(0).path("after").path("revision").asInt()).isEqualTo(2);

        // a plain contract cannot be upgraded; a generated key signs once its account has funds
        Response noFunds = post("/api/v1/contracts", "{\"chainId\": \"" + chainId + "\", \"name\": \"plain\", "
                + "\"abi\": " + resource("UpgradeableCounterV1.abi.json") + ", \"bytecode\": \""
                + resource("UpgradeableCounterV1.bin").strip() + "\", \"keyId\": \"" + opsKey + "\"}");
        assertThat(noFunds.status()).as(noFunds.body()).isEqualTo(409);
        assertThat(noFunds.json().path("detail").asString()).contains("cannot pay", "holds no ether");
        String opsAddress = get(keys + "/" + opsKey).json().path("address").asString();
        anvil.call("anvil_setBalance", "[\"" + opsAddress + "\", \"0xde0b6b3a7640000\"]");
        Response plain = post("/api/v1/contracts", "{\"chainId\": \"" + chainId + "\", \"name\": \"plain\", "
                + "\"abi\": " + resource("UpgradeableCounterV1.abi.json") + ", \"bytecode\": \""
                + resource("UpgradeableCounterV1.bin").strip() + "\", \"keyId\": \"" + opsKey + "\"}");
        assertThat(plain.status()).as(plain.body()).isEqualTo(201);
        assertThat(plain.json().path("deployer").asString()).isEqualTo(opsAddress);
        assertThat(plain.json().path("upgradeable").asBoolean()).isFalse();
        Response plainUpgrade = post("/api/v1/contracts/" + plain.field("id") + "/upgrade", v2Body.formatted(opsKey));
        assertThat(plainUpgrade.status()).isEqualTo(409);
        assertThat(plainUpgrade.json().path("detail").asString()).contains("not deployed upgradeable");

        // another organization can neither use the key on its own chain nor see the contracts
        String otherChain = post("/api/v1/chains", "{\"orgId\": \"" + other + "\", \"name\": \"" + unique("anvil")
                + "\", \"platform\": \"ETHEREUM\"}").field("id");
        assertThat(post("/api/v1/nodes", "{\"chainId\": \"" + otherChain + "\", \"name\": \"n1\", \"rpcUrl\": \""
                + anvil.rpcUrl() + "\"}").status()).isEqualTo(201);
        long contracts = count("contract");
        long blockBefore = anvil.blockNumber();
        Response stolen = as(adminOther).post("/api/v1/contracts", "{\"chainId\": \"" + otherChain + "\", \"name\": "
                + "\"stolen\", \"abi\": [], \"bytecode\": \"0x00\", \"keyId\": \"" + devKey + "\"}");
        assertThat(stolen.status()).as(stolen.body()).isEqualTo(404);
        assertThat(count("contract")).isEqualTo(contracts);
        assertThat(anvil.blockNumber()).as("nothing sent").isEqualTo(blockBefore);

        // a key in use cannot be deleted; once its contracts are terminated it can, and they keep their history
        Response inUse = delete(keys + "/" + devKey);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().path("detail").asString()).contains("terminate");
        assertThat(post("/api/v1/contracts/" + id + "/terminate", "{}").status()).isEqualTo(200);
        Response terminated = post("/api/v1/contracts/" + id + "/upgrade", v2Body.formatted(devKey));
        assertThat(terminated.status()).isEqualTo(409);
        assertThat(terminated.json().path("detail").asString()).contains("terminated");
        assertThat(delete(keys + "/" + devKey).status()).isEqualTo(204);
        assertThat(get("/api/v1/contracts/" + id).json().path("signingKeyId").isNull()).isTrue();
        assertThat(get("/api/v1/contracts/" + id + "/versions").json()).hasSize(2);
    }

    private JsonNode call(String contractId, String function) {
        Response response = post("/api/v1/contracts/" + contractId + "/calls", "{\"function\": \"" + function + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("outputs").get(0);
    }

    /** The address in a storage slot of {@code contract}, read straight from anvil. */
    private String slot(String contract, String slot) {
        String word = json.readTree(anvil.call("eth_getStorageAt", "[\"" + contract + "\", \"" + slot
                + "\", \"latest\"]")).path("result").asString();
        return "0x" + word.substring(word.length() - 40);
    }

    /** A transaction signed outside ChainWatch, with a fixed gas limit so that a reverting one is mined too. */
    private static TransactionReceipt transact(String privateKey, String to, String data) throws IOException {
        Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
        try {
            BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
            EthSendTransaction sent = new RawTransactionManager(web3j, Credentials.create(privateKey), 31337)
                    .sendTransaction(gasPrice, BigInteger.valueOf(300_000), to, data, BigInteger.ZERO);
            assertThat(sent.hasError()).as(sent.hasError() ? sent.getError().getMessage() : "").isFalse();
            return new PollingTransactionReceiptProcessor(web3j, 100, 300)
                    .waitForTransactionReceipt(sent.getTransactionHash());
        } catch (org.web3j.protocol.exceptions.TransactionException e) {
            throw new IllegalStateException(e);
        } finally {
            web3j.shutdown();
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ContractUpgradeIT.class.getResourceAsStream("/contracts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
