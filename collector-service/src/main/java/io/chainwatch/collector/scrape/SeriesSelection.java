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
 *       {@code consensus_etcdraft_cluster_size}, {@code consensus_etcdraft_active_nodes} by channel,
 *       {@code broadcast_processed_count} by channel and status</li>
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
            Map.entry("broadcast_processed_count", List.of("channel", "status")));

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
