package io.chainwatch.alert.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Table {@code alert.pending_condition}: conditions holding but not yet for their rule's forSeconds. */
@Repository
public class PendingRepository {

    private final JdbcClient jdbc;

    public PendingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A pending condition to store. */
    public record Row(String fingerprint, String chainId, String nodeId, long sinceMs) {
    }

    /** Writes new or changed rows and deletes ended ones, in one transaction. */
    @Transactional
    public void apply(Collection<Row> upserts, Collection<String> deletes) {
        for (Row r : upserts) {
            jdbc.sql("""
                    insert into alert.pending_condition (fingerprint, chain_id, node_id, since, updated_at)
                    values (:fp, :chain, :node, :since, now())
                    on conflict (fingerprint) do update set since = excluded.since, chain_id = excluded.chain_id,
                           node_id = excluded.node_id, updated_at = now()""")
                    .param("fp", r.fingerprint()).param("chain", r.chainId()).param("node", r.nodeId())
                    .param("since", Timestamp.from(Instant.ofEpochMilli(r.sinceMs()))).update();
        }
        if (!deletes.isEmpty()) {
            jdbc.sql("delete from alert.pending_condition where fingerprint in (:fps)").param("fps", deletes).update();
        }
    }

    /** Every stored pending condition: fingerprint → since (epoch ms). */
    public Map<String, Long> load() {
        Map<String, Long> out = new HashMap<>();
        jdbc.sql("select fingerprint, since from alert.pending_condition")
                .query(rs -> {
                    out.put(rs.getString(1), rs.getTimestamp(2).getTime());
                });
        return out;
    }
}
