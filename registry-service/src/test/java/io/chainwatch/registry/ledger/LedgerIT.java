package io.chainwatch.registry.ledger;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.registry.ledger.verifier.LedgerVerifier;
import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tamper-evident log end to end: registry changes reach the log through {@code chainwatch.audit}; signed tree
 * heads, inclusion and consistency proofs from the API verify with RFC 9162's algorithms and the published key; an
 * export verifies with the shipped verifier command. Then rows are changed, deleted and reordered directly in
 * PostgreSQL, and the verifier names the first bad entry and the first tree head it contradicts.
 */
class LedgerIT extends RegistryTestBase {

    @TempDir
    Path dir;

    @Test
    void proofsVerifyAndTheVerifierNamesTamperedRows() throws Exception {
        String org = createOrganization("ledger");
        List<String> chains = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            chains.add(createChain(org, "c" + i));
        }
        List<Long> indexes = awaitInLedger(chains);
        PublicKey key = LogSignatures.decodePublic(get("/api/v1/ledger/public-key").field("publicKey"));

        // a signed tree head on demand, verifiable with the published key
        Response signed = post("/api/v1/ledger/tree-heads", "");
        assertThat(signed.status()).as(signed.body()).isIn(200, 201);
        JsonNode head1 = signed.json();
        assertThat(head1.path("treeSize").asLong()).isGreaterThan(indexes.get(2));
        assertThat(LogSignatures.verify(key, LogSignatures.treeHeadBytes(head1.path("timestampMs").asLong(),
                head1.path("treeSize").asLong(), MerkleTree.unhex(head1.path("rootHash").asString())),
                Base64.getDecoder().decode(head1.path("signature").asString()))).isTrue();
        assertThat(get("/api/v1/ledger/tree-heads/" + head1.path("treeSize").asLong()).json()).isEqualTo(head1);

        // an entry's inclusion proof in that head
        long index = indexes.get(1);
        JsonNode entry = get("/api/v1/ledger/entries/" + index + "?treeSize=" + head1.path("treeSize").asLong()).json();
        assertThat(entry.path("entry").path("resourceId").asString()).isEqualTo(chains.get(1));
        assertThat(entry.path("entry").path("actor").asString()).isEqualTo(PLATFORM_ADMIN.subject());
        byte[] leafHash = MerkleTree.leafHash(Base64.getDecoder().decode(entry.path("data").asString()));
        assertThat(MerkleTree.verifyInclusion(index, head1.path("treeSize").asLong(), leafHash,
                hashes(entry.path("inclusionProof")), MerkleTree.unhex(head1.path("rootHash").asString()))).isTrue();
        assertThat(MerkleTree.verifyInclusion(index + 1, head1.path("treeSize").asLong(), leafHash,
                hashes(entry.path("inclusionProof")), MerkleTree.unhex(head1.path("rootHash").asString()))).isFalse();

        // the log grows; a consistency proof links the two signed heads
        chains.add(createChain(org, "c3"));
        chains.add(createChain(org, "c4"));
        awaitInLedger(chains);
        Response second = post("/api/v1/ledger/tree-heads", "");
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        JsonNode head2 = second.json();
        JsonNode consistency = get("/api/v1/ledger/consistency-proof?first=" + head1.path("treeSize").asLong()
                + "&second=" + head2.path("treeSize").asLong()).json();
        assertThat(MerkleTree.verifyConsistency(head1.path("treeSize").asLong(), head2.path("treeSize").asLong(),
                MerkleTree.unhex(head1.path("rootHash").asString()), MerkleTree.unhex(head2.path("rootHash").asString()),
                hashes(consistency.path("proof")))).isTrue();
        assertThat(get("/api/v1/ledger/consistency-proof?first=5&second=2").status()).isEqualTo(400);

        // another organization sees hashes, not the content
        String other = createOrganization("ledger-other");
        Caller outsider = new Caller("user:outsider", UUID.fromString(other), Role.ORG_ADMIN);
        assertThat(as(outsider).get("/api/v1/ledger/entries/" + index).status()).isEqualTo(404);
        JsonNode outsiderExport = as(outsider).get("/api/v1/ledger/export").json();
        assertThat(outsiderExport.path("entries").get((int) index).path("data").isNull()).isTrue();
        assertThat(outsiderExport.path("entries").get((int) index).path("leafHash").asString())
                .isEqualTo(MerkleTree.hex(leafHash));
        assertThat(verify(as(outsider).get("/api/v1/ledger/export").body(), key).output()).startsWith("OK:");

        // the intact log verifies
        Verified intact = verify(get("/api/v1/ledger/export").body(), key);
        assertThat(intact.status()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("OK:");

        long changed = indexes.get(0);
        long firstHeadAfterChanged = firstHeadContaining(changed);

        // 1. a row's content changed (the leaf hash left as it was)
        byte[] original = jdbc.sql("select data from registry.ledger_entry where leaf_index = :i").param("i", changed)
                .query(byte[].class).single();
        jdbc.sql("""
                update registry.ledger_entry
                set data = convert_to(replace(convert_from(data, 'UTF8'), 'user:test-admin', 'user:mallory'), 'UTF8')
                where leaf_index = :i""").param("i", changed).update();
        Verified afterChange = verify(get("/api/v1/ledger/export").body(), key);
        assertThat(afterChange.status()).as(afterChange.output()).isEqualTo(1);
        assertThat(afterChange.output()).contains("first bad entry: " + changed + ":")
                .contains("first contradicted tree head: size " + firstHeadAfterChanged + ":");

        // 2. ... and the leaf hash recomputed to match: the log's signature over the entry's place still names it
        jdbc.sql("update registry.ledger_entry set leaf_hash = sha256('\\x00'::bytea || data) where leaf_index = :i")
                .param("i", changed).update();
        Verified afterRehash = verify(get("/api/v1/ledger/export").body(), key);
        assertThat(afterRehash.output()).contains("first bad entry: " + changed + ": the log's signature")
                .contains("first contradicted tree head: size " + firstHeadAfterChanged + ":");
        jdbc.sql("update registry.ledger_entry set data = :data, leaf_hash = sha256('\\x00'::bytea || :data)"
                + " where leaf_index = :i").param("data", original).param("i", changed).update();
        assertThat(verify(get("/api/v1/ledger/export").body(), key).status()).isZero();

        // 3. a row deleted
        long deleted = indexes.get(1);
        Map<String, Object> row = jdbc.sql("select * from registry.ledger_entry where leaf_index = :i")
                .param("i", deleted).query().singleRow();
        jdbc.sql("delete from registry.ledger_entry where leaf_index = :i").param("i", deleted).update();
        Verified afterDelete = verify(get("/api/v1/ledger/export").body(), key);
        assertThat(afterDelete.status()).isEqualTo(1);
        assertThat(afterDelete.output()).contains("first bad entry: " + deleted + ": missing")
                .contains("first contradicted tree head: size " + firstHeadContaining(deleted) + ":");
        jdbc.sql("""
                insert into registry.ledger_entry
                    (leaf_index, entry_id, org_id, appended_at_ms, data, leaf_hash, signature)
                values (:leaf_index, :entry_id, :org_id, :appended_at_ms, :data, :leaf_hash, :signature)""")
                .params(row).update();
        assertThat(verify(get("/api/v1/ledger/export").body(), key).status()).isZero();

        // 4. two rows swapped (reordered)
        long first = indexes.get(1);
        long later = indexes.get(2);
        swap(first, later);
        Verified afterSwap = verify(get("/api/v1/ledger/export").body(), key);
        assertThat(afterSwap.status()).isEqualTo(1);
        assertThat(afterSwap.output()).contains("first bad entry: " + first + ":")
                .contains("first contradicted tree head: size " + firstHeadContaining(first) + ":");
        swap(first, later);

        // 5. a signed tree head altered
        long headSize = head2.path("treeSize").asLong();
        jdbc.sql("update registry.ledger_tree_head set root_hash = sha256(root_hash) where tree_size = :s")
                .param("s", headSize).update();
        Verified afterHead = verify(get("/api/v1/ledger/export").body(), key);
        assertThat(afterHead.output()).contains("first contradicted tree head: size " + headSize + ": its signature")
                .doesNotContain("first bad entry");
        jdbc.sql("update registry.ledger_tree_head set root_hash = :root where tree_size = :s")
                .param("root", MerkleTree.unhex(head2.path("rootHash").asString())).param("s", headSize).update();

        Verified restored = verify(get("/api/v1/ledger/export").body(), key);
        assertThat(restored.status()).as(restored.output()).isZero();
    }

    private void swap(long a, long b) {
        jdbc.sql("update registry.ledger_entry set leaf_index = 9000000000000 where leaf_index = :a").param("a", a)
                .update();
        jdbc.sql("update registry.ledger_entry set leaf_index = :a where leaf_index = :b").param("a", a).param("b", b)
                .update();
        jdbc.sql("update registry.ledger_entry set leaf_index = :b where leaf_index = 9000000000000").param("b", b)
                .update();
    }

    private long firstHeadContaining(long index) {
        return jdbc.sql("select min(tree_size) from registry.ledger_tree_head where tree_size > :i").param("i", index)
                .query(Long.class).single();
    }

    /** Waits until the creation of each chain is in the log; returns their leaf indexes. */
    private List<Long> awaitInLedger(List<String> chains) {
        List<Long> indexes = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            indexes.clear();
            for (String chain : chains) {
                JsonNode entries = get("/api/v1/audit?resourceType=chain&action=chain.create&resourceId=" + chain)
                        .json();
                assertThat(entries.size()).isEqualTo(1);
                assertThat(entries.get(0).path("ledgerIndex").isNumber()).as(chain).isTrue();
                indexes.add(entries.get(0).path("ledgerIndex").asLong());
            }
        });
        return indexes;
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        array.forEach(node -> out.add(MerkleTree.unhex(node.asString())));
        return out;
    }

    private record Verified(int status, String output) {
    }

    /** Runs the shipped verifier command on an export, with the pinned key. */
    private Verified verify(String export, PublicKey key) throws Exception {
        Path file = Files.writeString(dir.resolve("export-" + UUID.randomUUID() + ".json"), export);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LedgerVerifier.run(new String[] {file.toString(), "--public-key", LogSignatures.encode(key)},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Verified(status, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }
}
