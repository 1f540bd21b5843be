package io.chainwatch.registry.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
import io.chainwatch.testkit.Anvil;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** On a real anvil: deployed contracts scanned from their on-chain code, and terminated (no more invokes). */
class ContractLifecycleIT extends RegistryTestBase {

    /** anvil's first dev account (the well-known test mnemonic); never a real key. */
    private static final String DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    /** Init code returning the runtime ORIGIN POP PUSH1 0xff POP DELEGATECALL SELFDESTRUCT (hand-assembled). */
    private static final String DANGEROUS = "0x6007600c60003960076000f3" + "325060ff50f4ff";
    private static final String UPGRADE_ABI = "[{\"type\": \"function\", \"name\": \"upgradeTo\", \"inputs\": "
            + "[{\"name\": \"impl\", \"type\": \"address\"}], \"outputs\": [], \"stateMutability\": \"nonpayable\"}]";

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
    void theDeployedCodeIsScannedAndATerminatedContractIsNoLongerInvoked() throws IOException {
        String orgId = createOrganization("contracts");
        String chainId = createChain(orgId, unique("anvil"));
        assertThat(post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"n1\", \"rpcUrl\": \""
                + anvil.rpcUrl() + "\"}").status()).isEqualTo(201);
        keyId = post("/api/v1/organizations/" + orgId + "/signing-keys", "{\"name\": \"dev\", \"privateKey\": \""
                + DEV_KEY + "\"}").field("id");

        String counter = deploy(chainId, "counter", resource("Counter.abi.json"), resource("Counter.bin").strip(),
                ", \"constructorArgs\": [\"hello\", 7]");
        JsonNode clean = scan(counter);
        assertThat(clean.path("report").path("findings")).as(clean.toString()).isEmpty();
        assertThat(clean.path("report").path("codeSize").asInt()).isGreaterThan(100);

        String dangerous = deploy(chainId, "dangerous", UPGRADE_ABI, DANGEROUS, "");
        JsonNode findings = scan(dangerous).path("report").path("findings");
        assertThat(findings.valueStream().map(f -> f.path("check").asString() + ":" + f.path("severity").asString()))
                .containsExactlyInAnyOrder("SELFDESTRUCT:high", "DELEGATECALL:medium", "TX_ORIGIN:medium",
                        "UNPROTECTED_UPGRADE:high");
        assertThat(get("/api/v1/audit?action=contract.scan&resourceId=" + dangerous).header("X-Total-Count"))
                .isEqualTo("1");

        Response before = post("/api/v1/contracts/" + counter + "/calls", "{\"function\": \"get\"}");
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        Response terminated = post("/api/v1/contracts/" + counter + "/terminate", "{\"reason\": \"retired\"}");
        assertThat(terminated.status()).as(terminated.body()).isEqualTo(200);
        assertThat(terminated.json().path("terminatedAt").isNull()).isFalse();
        Response refused = post("/api/v1/contracts/" + counter + "/calls", "{\"function\": \"get\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).contains("terminated");
        assertThat(post("/api/v1/contracts/" + counter + "/terminate", "{}").status()).isEqualTo(409);
        assertThat(get("/api/v1/audit?action=contract.terminate&resourceId=" + counter).header("X-Total-Count"))
                .isEqualTo("1");

        // another organization sees none of it; a viewer of the owner cannot terminate
        String other = createOrganization("contracts-other");
        Caller adminOther = new Caller("user:admin-o", UUID.fromString(other), Role.ORG_ADMIN);
        assertThat(as(adminOther).post("/api/v1/contracts/" + dangerous + "/scan", "").status()).isEqualTo(404);
        assertThat(as(adminOther).post("/api/v1/contracts/" + dangerous + "/terminate", "{}").status()).isEqualTo(404);
        Caller viewer = new Caller("user:viewer", UUID.fromString(orgId), Role.VIEWER);
        assertThat(as(viewer).post("/api/v1/contracts/" + dangerous + "/terminate", "{}").status()).isEqualTo(403);
        assertThat(get("/api/v1/contracts/" + dangerous).json().path("terminatedAt").isNull()).isTrue();

        // code can be scanned before it is deployed; bad hex is a 400 problem
        Response precheck = post("/api/v1/contracts/scans", "{\"bytecode\": \"0x325060ff50f4ff\"}");
        assertThat(precheck.status()).as(precheck.body()).isEqualTo(200);
        assertThat(precheck.json().path("findings")).hasSize(3);
        Response bad = post("/api/v1/contracts/scans", "{\"bytecode\": \"0xnothex\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
    }

    private String keyId;

    private String deploy(String chainId, String name, String abi, String bytecode, String extra) {
        Response deployed = post("/api/v1/contracts", "{\"chainId\": \"" + chainId + "\", \"name\": \"" + name
                + "\", \"abi\": " + abi + ", \"bytecode\": \"" + bytecode + "\"" + extra + ", \"keyId\": \""
                + keyId + "\"}");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        return deployed.field("id");
    }

    private JsonNode scan(String contractId) {
        Response scan = post("/api/v1/contracts/" + contractId + "/scan", "");
        assertThat(scan.status()).as(scan.body()).isEqualTo(200);
        return scan.json();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ContractLifecycleIT.class.getResourceAsStream("/contracts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
