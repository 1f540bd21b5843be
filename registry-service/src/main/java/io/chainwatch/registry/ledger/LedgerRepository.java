package io.chainwatch.registry.ledger;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code registry.ledger_entry}, {@code ledger_state} and {@code ledger_tree_head}. */
@Repository
public class LedgerRepository {

    private final JdbcClient jdbc;

    LedgerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One leaf as stored. */
    public record Leaf(long index, UUID entryId, UUID orgId, long appendedAtMs, byte[] data, byte[] leafHash,
            byte[] signature) {
    }

    /** One signed tree head as stored. */
    public record TreeHead(long treeSize, byte[] rootHash, long timestampMs, String keyId, String publicKey,
            byte[] signature) {
    }

    /** Where a signed head's root was written on a chain (the anchoring transaction). */
    public record Anchor(long treeSize, long chainId, String txHash, long blockNumber, String fromAddress) {
    }

    /** Every anchor, oldest head first (the export). */
    public List<Anchor> anchors() {
        return jdbc.sql("select * from registry.ledger_anchor order by tree_size")
                .query((rs, n) -> new Anchor(rs.getLong("tree_size"), rs.getLong("chain_id"), rs.getString("tx_hash"),
                        rs.getLong("block_number"), rs.getString("from_address")))
                .list();
    }

    /** The log size, locking the state row until the transaction ends (the appenders' serialization point). */
    long lockSize() {
        return jdbc.sql("select size from registry.ledger_state where id for update").query(Long.class).single();
    }

    long size() {
        return jdbc.sql("select size from registry.ledger_state where id").query(Long.class).single();
    }

    boolean contains(UUID entryId) {
        return jdbc.sql("select count(*) from registry.ledger_entry where entry_id = :id").param("id", entryId)
                .query(Long.class).single() > 0;
    }

    void insert(Leaf leaf) {
        jdbc.sql("""
                        insert into registry.ledger_entry
                            (leaf_index, entry_id, org_id, appended_at_ms, data, leaf_hash, signature)
                        values (:index, :entryId, :orgId, :at, :data, :hash, :signature)""")
                .param("index", leaf.index())
                .param("entryId", leaf.entryId())
                .param("orgId", leaf.orgId())
                .param("at", leaf.appendedAtMs())
                .param("data", leaf.data())
                .param("hash", leaf.leafHash())
                .param("signature", leaf.signature())
                .update();
        jdbc.sql("update registry.ledger_state set size = :size where id").param("size", leaf.index() + 1).update();
    }

    /** Leaf hashes of indexes {@code [from, to)}, in order. */
    List<byte[]> leafHashes(long from, long to) {
        return jdbc.sql("""
                        select leaf_hash from registry.ledger_entry
                        where leaf_index >= :from and leaf_index < :to order by leaf_index""")
                .param("from", from).param("to", to)
                .query((rs, row) -> rs.getBytes(1)).list();
    }

    public Optional<Leaf> leaf(long index) {
        return jdbc.sql("select * from registry.ledger_entry where leaf_index = :index").param("index", index)
                .query(LedgerRepository::leaf).optional();
    }

    /** Leaves {@code [from, from + limit)} in index order. */
    public List<Leaf> leaves(long from, int limit) {
        return jdbc.sql("select * from registry.ledger_entry where leaf_index >= :from order by leaf_index limit :limit")
                .param("from", from).param("limit", limit)
                .query(LedgerRepository::leaf).list();
    }

    public Optional<Long> indexOf(UUID entryId) {
        return jdbc.sql("select leaf_index from registry.ledger_entry where entry_id = :id").param("id", entryId)
                .query(Long.class).optional();
    }

    boolean insertHead(TreeHead head) {
        return jdbc.sql("""
                        insert into registry.ledger_tree_head
                            (tree_size, root_hash, timestamp_ms, key_id, public_key, signature)
                        values (:size, :root, :ts, :keyId, :publicKey, :signature)
                        on conflict (tree_size) do nothing""")
                .param("size", head.treeSize())
                .param("root", head.rootHash())
                .param("ts", head.timestampMs())
                .param("keyId", head.keyId())
                .param("publicKey", head.publicKey())
                .param("signature", head.signature())
                .update() == 1;
    }

    public Optional<TreeHead> latestHead() {
        return jdbc.sql("select * from registry.ledger_tree_head order by tree_size desc limit 1")
                .query(LedgerRepository::head).optional();
    }

    public Optional<TreeHead> head(long size) {
        return jdbc.sql("select * from registry.ledger_tree_head where tree_size = :size").param("size", size)
                .query(LedgerRepository::head).optional();
    }

    /** The smallest signed head that contains leaf {@code index}. */
    public Optional<TreeHead> firstHeadContaining(long index) {
        return jdbc.sql("select * from registry.ledger_tree_head where tree_size > :index order by tree_size limit 1")
                .param("index", index).query(LedgerRepository::head).optional();
    }

    /** Heads, newest first. */
    public List<TreeHead> heads(int offset, int limit) {
        return jdbc.sql("select * from registry.ledger_tree_head order by tree_size desc offset :offset limit :limit")
                .param("offset", offset).param("limit", limit)
                .query(LedgerRepository::head).list();
    }

    public long headCount() {
        return jdbc.sql("select count(*) from registry.ledger_tree_head").query(Long.class).single();
    }

    /** All heads, oldest first (the export). */
    public List<TreeHead> allHeads() {
        return jdbc.sql("select * from registry.ledger_tree_head order by tree_size").query(LedgerRepository::head)
                .list();
    }

    private static Leaf leaf(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Leaf(rs.getLong("leaf_index"), rs.getObject("entry_id", UUID.class),
                rs.getObject("org_id", UUID.class), rs.getLong("appended_at_ms"), rs.getBytes("data"),
                rs.getBytes("leaf_hash"), rs.getBytes("signature"));
    }

    private static TreeHead head(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new TreeHead(rs.getLong("tree_size"), rs.getBytes("root_hash"), rs.getLong("timestamp_ms"),
                rs.getString("key_id"), rs.getString("public_key"), rs.getBytes("signature"));
    }
}
