package io.chainwatch.registry.ledger;

import java.time.Duration;

import io.chainwatch.registry.ledger.verifier.LedgerVerifier;
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
    void everyHeadIsAnchoredInOrderAndWaitsWhileTheChainIsDown() throws Exception {
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

        // an auditor checks an export against the chain's copies of the roots, read from a node they trust
        String rpc = "http://127.0.0.1:" + ANVIL_PORT;
        String export = get("/api/v1/ledger/export").body();
        Verified intact = verify(export, "--chain-rpc", rpc);
        assertThat(intact.status()).as(intact.output()).isZero();
        assertThat(intact.output()).containsPattern("OK: [1-9]\\d* tree heads anchored on the chain");
        // the holder of the log key rewrites history: an entry changed, then every hash and signature made anew
        String rewritten = rewriteAndResign(export, first - 1);
        Verified signaturesOnly = verify(rewritten);
        assertThat(signaturesOnly.status()).as("the signatures alone cannot tell: " + signaturesOnly.output()).isZero();
        Verified againstChain = verify(rewritten, "--chain-rpc", rpc);
        assertThat(againstChain.status()).as(againstChain.output()).isEqualTo(1);
        assertThat(againstChain.output()).contains("FAILED: the signed tree heads do not match their anchors")
                .contains("first contradicted tree head: size " + first + ": the chain's copy");
        Verified otherSender = verify(export, "--chain-rpc", rpc, "--anchor-address",
                "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        assertThat(otherSender.status()).as(otherSender.output()).isEqualTo(1);
        assertThat(otherSender.output()).contains("not by the pinned anchoring address");

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

    private record Verified(int status, String output) {
    }

    /** Runs the shipped verifier command on an export, with the log's published key pinned, and {@code options}. */
    private Verified verify(String export, String... options) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("export", ".json");
        java.nio.file.Files.writeString(file, export);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(file.toString(), "--public-key",
                get("/api/v1/ledger/public-key").json().path("publicKey").asString()));
        args.addAll(java.util.List.of(options));
        java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        int status = LedgerVerifier.run(args.toArray(String[]::new), print, print);
        java.nio.file.Files.delete(file);
        return new Verified(status, out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * What the operator, who holds the log key, could do: change entry {@code index}, recompute its leaf hash and
     * entry signature, and recompute and re-sign every tree head over the changed log.
     */
    private String rewriteAndResign(String export, long index) {
        java.security.PrivateKey key = LogSignatures.decodePrivate(LEDGER_KEY);
        tools.jackson.databind.node.ObjectNode root = (tools.jackson.databind.node.ObjectNode) json.readTree(export);
        java.util.List<byte[]> hashes = new java.util.ArrayList<>();
        for (JsonNode node : root.path("entries")) {
            tools.jackson.databind.node.ObjectNode entry = (tools.jackson.databind.node.ObjectNode) node;
            byte[] data = java.util.Base64.getDecoder().decode(entry.path("data").asString());
            if (entry.path("index").asLong() == index) {
                data = new String(data, java.nio.charset.StandardCharsets.UTF_8).replace("\"", "'")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                byte[] leaf = MerkleTree.leafHash(data);
                entry.put("data", java.util.Base64.getEncoder().encodeToString(data));
                entry.put("leafHash", MerkleTree.hex(leaf));
                entry.put("signature", java.util.Base64.getEncoder().encodeToString(LogSignatures.sign(key,
                        LogSignatures.entryBytes(index, entry.path("appendedAtMs").asLong(), leaf))));
            }
            hashes.add(MerkleTree.leafHash(data));
        }
        for (JsonNode node : root.path("treeHeads")) {
            tools.jackson.databind.node.ObjectNode head = (tools.jackson.databind.node.ObjectNode) node;
            long size = head.path("treeSize").asLong();
            byte[] newRoot = MerkleTree.root(hashes.subList(0, (int) size));
            head.put("rootHash", MerkleTree.hex(newRoot));
            head.put("signature", java.util.Base64.getEncoder().encodeToString(LogSignatures.sign(key,
                    LogSignatures.treeHeadBytes(head.path("timestampMs").asLong(), size, newRoot))));
        }
        return json.writeValueAsString(root);
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
