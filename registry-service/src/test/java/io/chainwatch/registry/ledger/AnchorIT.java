package io.chainwatch.registry.ledger;

import java.time.Duration;

import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.testkit.Anvil;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Anchoring on a real anvil: a signed tree head's root is written in a transaction's data, the transaction hash and
 * block are served beside the head, and the chain's copy is read back and compared. Then anvil is killed: the heads
 * signed meanwhile wait (pending, the lag metric and the "behind" flag rise), and once anvil is back on the same port
 * they are anchored in order, none skipped.
 */
class AnchorIT extends RegistryTestBase {

    /** anvil's well-known first development account (never a real key). */
    private static final String DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private static Anvil anvil = Anvil.start(0, null);
    private static final int ANVIL_PORT = anvil.port();

    @DynamicPropertySource
    static void anchoring(DynamicPropertyRegistry registry) {
        registry.add("chainwatch.registry.ledger.anchor.rpc-url", () -> "http://127.0.0.1:" + ANVIL_PORT);
        registry.add("chainwatch.registry.ledger.anchor.private-key", () -> DEV_KEY);
        registry.add("chainwatch.registry.ledger.anchor.interval", () -> "300ms");
        registry.add("chainwatch.registry.ledger.anchor.receipt-timeout", () -> "5s");
        registry.add("chainwatch.registry.ledger.anchor.max-lag", () -> "2s");
    }

    @AfterAll
    static void stopAnvil() {
        anvil.close();
    }

    @Test
    void everyHeadIsAnchoredInOrderAndWaitsWhileTheChainIsDown() {
        String org = createOrganization("anchor");
        createChain(org, "a1");
        long first = signAfterGrowth(0);
        JsonNode anchor = awaitAnchored(first);
        assertThat(anchor.path("verified").asBoolean()).as(anchor.toString()).isTrue();
        assertThat(anchor.path("chainId").asLong()).isEqualTo(31337);
        String tx = anchor.path("txHash").asString();
        String onChain = anvil.call("eth_getTransactionByHash", "[\"" + tx + "\"]");
        assertThat(onChain).contains(MerkleTree.hex("CWSTH1".getBytes()) + String.format("%016x", first)
                + anchor.path("rootHash").asString());
        assertThat(anchor.path("chainRootHash").asString()).isEqualTo(anchor.path("rootHash").asString());
        // the cost: a plain transaction plus its 46 data bytes (EIP-2028: 16 gas a non-zero byte, 4 a zero byte;
        // since Prague, EIP-7623's floor of 10 gas per calldata token, a token being a zero byte or 1/4 non-zero byte)
        byte[] payload = io.chainwatch.registry.ledger.anchor.AnchorPayload.encode(first,
                MerkleTree.unhex(anchor.path("rootHash").asString()));
        long zeros = 0;
        for (byte b : payload) {
            zeros += b == 0 ? 1 : 0;
        }
        String receipt = anvil.call("eth_getTransactionReceipt", "[\"" + tx + "\"]");
        java.util.regex.Matcher gas = java.util.regex.Pattern.compile("\"gasUsed\"\\s*:\\s*\"0x([0-9a-f]+)\"")
                .matcher(receipt);
        assertThat(gas.find()).as(receipt).isTrue();
        long gasUsed = Long.parseLong(gas.group(1), 16);
        long nonZero = payload.length - zeros;
        assertThat(gasUsed).isEqualTo(Math.max(21_000 + 16 * nonZero + 4 * zeros, 21_000 + 10 * (zeros + 4 * nonZero)));
        System.out.println("anchoring transaction gas used: " + gasUsed);

        // the chain goes down: new heads wait, none is lost
        anvil.kill();
        createChain(org, "a2");
        long second = signAfterGrowth(first);
        createChain(org, "a3");
        long third = signAfterGrowth(second);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode pending = get("/api/v1/ledger/tree-heads/" + second + "/anchor").json();
            assertThat(pending.path("status").asString()).isEqualTo("pending");
            assertThat(pending.path("chainError").asString()).isNotBlank();
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(prometheus())
                .containsPattern("chainwatch_ledger_anchor_behind\\{[^}]*} 1(\\.0)?\n")
                .containsPattern("chainwatch_ledger_anchor_failures_total\\{[^}]*} [1-9]"));

        // back again: both are anchored, in order
        anvil = Anvil.start(ANVIL_PORT, 0, null);
        JsonNode secondAnchor = awaitAnchored(second);
        JsonNode thirdAnchor = awaitAnchored(third);
        assertThat(secondAnchor.path("verified").asBoolean()).isTrue();
        assertThat(thirdAnchor.path("verified").asBoolean()).isTrue();
        assertThat(secondAnchor.path("blockNumber").asLong()).isLessThan(thirdAnchor.path("blockNumber").asLong());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(prometheus())
                .containsPattern("chainwatch_ledger_anchor_behind\\{[^}]*} 0(\\.0)?\n"));
        assertThat(get("/api/v1/ledger/tree-heads/999999999/anchor").status()).isEqualTo(404);
    }

    /** Waits until the log is longer than {@code after}, then signs a head; returns its size. */
    private long signAfterGrowth(long after) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Response signed = post("/api/v1/ledger/tree-heads", "");
            return signed.json().path("treeSize").asLong() > after;
        });
        return get("/api/v1/ledger/tree-heads/latest").json().path("treeSize").asLong();
    }

    private JsonNode awaitAnchored(long treeSize) {
        JsonNode[] anchor = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Response response = get("/api/v1/ledger/tree-heads/" + treeSize + "/anchor");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            anchor[0] = response.json();
            assertThat(anchor[0].path("status").asString()).as(response.body()).isEqualTo("anchored");
        });
        return anchor[0];
    }

    private String prometheus() {
        return management("/actuator/prometheus").body();
    }
}
