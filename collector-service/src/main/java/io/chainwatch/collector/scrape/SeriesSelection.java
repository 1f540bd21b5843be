package io.chainwatch.collector.scrape;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.chainwatch.events.Readings;

/**
 * Which series of a node's metrics become readings, and under which name: {@code metric.<series>}, with the labels
 * kept for that series appended as {@code .<label>=<value>} (sorted); series that differ only in other labels are
 * summed. Kept labels are low-cardinality by choice (channel, validation code, status).
 *
 * <ul>
 *   <li>EIP-2159 (any Ethereum client): {@code ethereum_blockchain_height}, {@code ethereum_best_known_block_number},
 *       {@code ethereum_peer_count}, {@code ethereum_peer_limit}</li>
 *   <li>geth: {@code chain_head_block}, {@code chain_head_header}, {@code chain_head_receipt}, {@code p2p_peers},
 *       {@code txpool_pending}, {@code txpool_queued}</li>
 *   <li>Besu: {@code besu_blockchain_chain_head_timestamp}, {@code besu_blockchain_chain_head_transaction_count},
 *       {@code besu_blockchain_chain_head_gas_used}, {@code besu_synchronizer_in_sync},
 *       {@code besu_transaction_pool_transactions}</li>
 *   <li>Fabric peer: {@code ledger_blockchain_height} and {@code gossip_state_height} by channel,
 *       {@code ledger_transaction_count} by channel and validation code, {@code endorser_proposals_received},
 *       {@code endorser_successful_proposals}, {@code endorser_endorsement_failures},
 *       {@code gossip_membership_total_peers_known} by channel</li>
 *   <li>Fabric orderer: {@code consensus_etcdraft_is_leader}, {@code consensus_etcdraft_leader_changes},
 *       {@code consensus_etcdraft_cluster_size}, {@code consensus_etcdraft_active_nodes},
 *       {@code consensus_etcdraft_committed_block_number}, {@code participation_status},
 *       {@code participation_consensus_relation} by channel, {@code broadcast_processed_count} by channel and
 *       status</li>
 *   <li>Fabric, both: the {@code _sum} and {@code _count} of the endorsement, block processing, state database and
 *       block storage commit, gossip state commit and Raft persist histograms (by channel where Fabric labels them),
 *       {@code grpc_server_unary_requests_completed} and {@code grpc_server_stream_requests_completed} by gRPC
 *       {@code code}, {@code logging_entries_written} by {@code level}; and the histograms' means between two
 *       scrapes ({@link #means})</li>
 * </ul>
 */
public final class SeriesSelection {

    /** Series name → labels kept. */
    static final Map<String, List<String>> SELECTED = Map.ofEntries(
            Map.entry("ethereum_blockchain_height", List.of()),
            Map.entry("ethereum_best_known_block_number", List.of()),
            Map.entry("ethereum_peer_count", List.of()),
            Map.entry("ethereum_peer_limit", List.of()),
            Map.entry("chain_head_block", List.of()),
            Map.entry("chain_head_header", List.of()),
            Map.entry("chain_head_receipt", List.of()),
            Map.entry("p2p_peers", List.of()),
            Map.entry("txpool_pending", List.of()),
            Map.entry("txpool_queued", List.of()),
            Map.entry("besu_blockchain_chain_head_timestamp", List.of()),
            Map.entry("besu_blockchain_chain_head_transaction_count", List.of()),
            Map.entry("besu_blockchain_chain_head_gas_used", List.of()),
            Map.entry("besu_synchronizer_in_sync", List.of()),
            Map.entry("besu_transaction_pool_transactions", List.of()),
            Map.entry("ledger_blockchain_height", List.of("channel")),
            Map.entry("gossip_state_height", List.of("channel")),
            Map.entry("ledger_transaction_count", List.of("channel", "validation_code")),
            Map.entry("endorser_proposals_received", List.of()),
            Map.entry("endorser_successful_proposals", List.of()),
            Map.entry("endorser_endorsement_failures", List.of()),
            Map.entry("gossip_membership_total_peers_known", List.of("channel")),
            Map.entry("consensus_etcdraft_is_leader", List.of("channel")),
            Map.entry("consensus_etcdraft_leader_changes", List.of("channel")),
            Map.entry("consensus_etcdraft_cluster_size", List.of("channel")),
            Map.entry("consensus_etcdraft_active_nodes", List.of("channel")),
            Map.entry("broadcast_processed_count", List.of("channel", "status")),
            // Fabric peer and orderer: what an operator watches besides heights
            Map.entry("endorser_proposal_duration_sum", List.of()),
            Map.entry("endorser_proposal_duration_count", List.of()),
            Map.entry("ledger_block_processing_time_sum", List.of("channel")),
            Map.entry("ledger_block_processing_time_count", List.of("channel")),
            Map.entry("ledger_statedb_commit_time_sum", List.of("channel")),
            Map.entry("ledger_statedb_commit_time_count", List.of("channel")),
            Map.entry("ledger_blockstorage_commit_time_sum", List.of("channel")),
            Map.entry("ledger_blockstorage_commit_time_count", List.of("channel")),
            Map.entry("gossip_state_commit_duration_sum", List.of("channel")),
            Map.entry("gossip_state_commit_duration_count", List.of("channel")),
            Map.entry("grpc_server_unary_requests_completed", List.of("code")),
            Map.entry("grpc_server_stream_requests_completed", List.of("code")),
            Map.entry("logging_entries_written", List.of("level")),
            Map.entry("consensus_etcdraft_committed_block_number", List.of("channel")),
            Map.entry("consensus_etcdraft_data_persist_duration_sum", List.of("channel")),
            Map.entry("consensus_etcdraft_data_persist_duration_count", List.of("channel")),
            Map.entry("participation_status", List.of("channel")),
            Map.entry("participation_consensus_relation", List.of("channel")));

    /**
     * Histograms whose mean over the time between two scrapes becomes a reading {@code metric.<name>_mean[.channel=..]}
     * (seconds): the growth of {@code _sum} divided by the growth of {@code _count}; absent when nothing was observed
     * in between, at the first scrape and after the node restarted (its counters went down).
     */
    public static final List<String> MEAN_HISTOGRAMS = List.of("endorser_proposal_duration",
            "ledger_block_processing_time", "ledger_statedb_commit_time", "ledger_blockstorage_commit_time",
            "gossip_state_commit_duration", "consensus_etcdraft_data_persist_duration");

    /**
     * The means of {@link #MEAN_HISTOGRAMS} between two scrapes' readings ({@link #readings} of each).
     */
    public static Map<String, Double> means(Map<String, Double> previous, Map<String, Double> current) {
        Map<String, Double> means = new TreeMap<>();
        if (previous == null || previous.isEmpty()) {
            return means;
        }
        for (String histogram : MEAN_HISTOGRAMS) {
            String countPrefix = Readings.METRIC_PREFIX + histogram + "_count";
            for (Map.Entry<String, Double> count : current.entrySet()) {
                if (!count.getKey().startsWith(countPrefix)) {
                    continue;
                }
                String labels = count.getKey().substring(countPrefix.length());
                String sumKey = Readings.METRIC_PREFIX + histogram + "_sum" + labels;
                Double sum = current.get(sumKey);
                Double sumBefore = previous.get(sumKey);
                Double countBefore = previous.get(count.getKey());
                if (sum == null || sumBefore == null || countBefore == null) {
                    continue;
                }
                double observed = count.getValue() - countBefore;
                if (observed > 0 && sum >= sumBefore) {
                    means.put(Readings.METRIC_PREFIX + histogram + "_mean" + labels, (sum - sumBefore) / observed);
                }
            }
        }
        return means;
    }

    /** System chaincodes: their proposals are queries and lifecycle administration, not application transactions. */
    static final java.util.Set<String> SYSTEM_CHAINCODES = java.util.Set.of("qscc", "cscc", "_lifecycle", "lscc");

    /**
     * A Fabric peer's successful endorsements by channel, system chaincodes left out: the sum of
     * {@code endorser_proposal_duration_count{channel,chaincode,success="true"}} per channel.
     */
    public static Map<String, Double> endorsedByChannel(List<PrometheusText.Series> series) {
        Map<String, Double> endorsed = new TreeMap<>();
        for (PrometheusText.Series s : series) {
            String channel = s.labels().get("channel");
            if ("endorser_proposal_duration_count".equals(s.name()) && "true".equals(s.labels().get("success"))
                    && channel != null && !channel.isEmpty()
                    && !SYSTEM_CHAINCODES.contains(s.labels().getOrDefault("chaincode", ""))) {
                endorsed.merge(channel, s.value(), Double::sum);
            }
        }
        return endorsed;
    }

    private SeriesSelection() {
    }

    /** The selected series of a parsed text as readings, summed over the labels not kept. */
    public static Map<String, Double> readings(List<PrometheusText.Series> series) {
        Map<String, Double> readings = new TreeMap<>();
        for (PrometheusText.Series s : series) {
            List<String> kept = SELECTED.get(s.name());
            if (kept == null || Double.isNaN(s.value())) {
                continue;
            }
            String suffix = kept.stream().filter(s.labels()::containsKey).sorted()
                    .map(label -> "." + label + "=" + s.labels().get(label))
                    .collect(Collectors.joining());
            readings.merge(Readings.METRIC_PREFIX + s.name() + suffix, s.value(), Double::sum);
        }
        return readings;
    }
}
