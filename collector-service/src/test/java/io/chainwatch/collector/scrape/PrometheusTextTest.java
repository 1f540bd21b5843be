package io.chainwatch.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.util.Map;

import io.chainwatch.collector.scrape.PrometheusText.Parsed;
import io.chainwatch.collector.scrape.PrometheusText.Series;
import io.chainwatch.testkit.fabric.FabricFixtures;
import org.junit.jupiter.api.Test;

/** The parser and the selection on the real /metrics texts of a Fabric 2.5.5 peer and orderer, and geth / Besu shapes. */
class PrometheusTextTest {

    private static String fixture(String name) {
        return FabricFixtures.text(name);
    }

    private static long familyCount(String text) {
        return text.lines().filter(l -> l.startsWith("# TYPE ")).count();
    }

    @Test
    void parsesEveryLineOfTheRealPeerAndOrdererTexts() throws IOException {
        for (String name : new String[] {"peer-metrics-start.txt", "peer-metrics-after-tx.txt",
                "peer-metrics-orderer-down.txt", "orderer-metrics-start.txt", "orderer-metrics.txt"}) {
            String text = fixture(name);
            Parsed parsed = PrometheusText.parse(text);
            long sampleLines = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).count();

            assertThat(parsed.malformedLines()).as(name).isZero();
            assertThat(parsed.series()).as(name).hasSize((int) sampleLines);
            assertThat(parsed.series().stream().map(Series::name).distinct().count()).as(name)
                    .isGreaterThanOrEqualTo(familyCount(text));
        }
        // the capture's README: 76 families after the transactions, 75 on the orderer
        assertThat(familyCount(fixture("peer-metrics-after-tx.txt"))).isEqualTo(76);
        assertThat(familyCount(fixture("orderer-metrics.txt"))).isEqualTo(75);
    }

    @Test
    void readsLabelsAndSpecialValues() throws IOException {
        Parsed peer = PrometheusText.parse(fixture("peer-metrics-after-tx.txt"));

        assertThat(peer.series()).contains(new Series("ledger_blockchain_height", Map.of("channel", "mychannel"), 8));
        assertThat(peer.series()).contains(new Series("fabric_version", Map.of("version", "2.5.5"), 1));
        assertThat(peer.series()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("chaincode_launch_duration_bucket");
            assertThat(s.labels()).containsEntry("le", "+Inf");
        });

        Parsed odd = PrometheusText.parse("""
                # HELP x escaped labels
                x{path="C:\\\\dir",quote="say \\"hi\\"",nl="a\\nb"} NaN
                y +Inf 1700000000000
                z{} -Inf
                chain_account_commits {quantile="0.5"} 12
                not a sample line
                """);
        assertThat(odd.series()).hasSize(4);
        assertThat(odd.series().get(0).labels()).containsExactly(entry("path", "C:\\dir"), entry("quote", "say \"hi\""),
                entry("nl", "a\nb"));
        assertThat(odd.series().get(0).value()).isNaN();
        assertThat(odd.series().get(1).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(odd.series().get(2).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(odd.series().get(3)).isEqualTo(new Series("chain_account_commits", Map.of("quantile", "0.5"), 12));
        assertThat(odd.malformedLines()).isEqualTo(1);
    }

    @Test
    void selectsThePeersHeightTransactionsByValidationCodeAndEndorsements() throws IOException {
        Map<String, Double> readings = SeriesSelection.readings(
                PrometheusText.parse(fixture("peer-metrics-after-tx.txt")).series());

        assertThat(readings).containsEntry("metric.ledger_blockchain_height.channel=mychannel", 8.0)
                .containsEntry("metric.gossip_state_height.channel=mychannel", 8.0)
                .containsEntry("metric.endorser_proposals_received", 35.0)
                .containsEntry("metric.endorser_successful_proposals", 35.0)
                .containsEntry("metric.gossip_membership_total_peers_known.channel=mychannel", 0.0)
                // summed over chaincode and transaction type: 2 + 7 + 1 valid, 1 MVCC_READ_CONFLICT
                .containsEntry("metric.ledger_transaction_count.channel=mychannel.validation_code=VALID", 10.0)
                .containsEntry("metric.ledger_transaction_count.channel=mychannel.validation_code=MVCC_READ_CONFLICT", 1.0);
        assertThat(readings.keySet()).allMatch(k -> k.startsWith("metric.")).noneMatch(k -> k.contains("go_"));

        // right after start: height 1, no gossip families yet
        Map<String, Double> atStart = SeriesSelection.readings(PrometheusText.parse(fixture("peer-metrics-start.txt")).series());
        assertThat(atStart).containsEntry("metric.ledger_blockchain_height.channel=mychannel", 1.0)
                .doesNotContainKey("metric.gossip_state_height.channel=mychannel");
    }

    @Test
    void selectsTheOrderersRaftLeadershipAndBroadcasts() throws IOException {
        Map<String, Double> readings = SeriesSelection.readings(PrometheusText.parse(fixture("orderer-metrics.txt")).series());

        assertThat(readings).containsEntry("metric.consensus_etcdraft_is_leader.channel=mychannel", 1.0)
                .containsEntry("metric.consensus_etcdraft_leader_changes.channel=mychannel", 1.0)
                .containsEntry("metric.consensus_etcdraft_cluster_size.channel=mychannel", 1.0)
                .containsEntry("metric.consensus_etcdraft_active_nodes.channel=mychannel", 1.0)
                .containsEntry("metric.ledger_blockchain_height.channel=mychannel", 8.0)
                .containsEntry("metric.broadcast_processed_count.channel=mychannel.status=SUCCESS", 10.0);
    }

    @Test
    void selectsEip2159GethAndBesuSeries() {
        // shapes as geth (/debug/metrics/prometheus) and Besu (/metrics) write them
        String geth = """
                # TYPE chain_head_block gauge
                chain_head_block 21000123
                # TYPE chain_head_header gauge
                chain_head_header 21000125
                # TYPE p2p_peers gauge
                p2p_peers 48
                # TYPE txpool_pending gauge
                txpool_pending 5120
                # TYPE chain_account_commits summary
                chain_account_commits {quantile="0.5"} 0
                """;
        String besu = """
                # HELP ethereum_blockchain_height The current height of the canonical chain
                # TYPE ethereum_blockchain_height gauge
                ethereum_blockchain_height 21000120.0
                # TYPE ethereum_peer_count gauge
                ethereum_peer_count 25.0
                # TYPE besu_blockchain_chain_head_timestamp gauge
                besu_blockchain_chain_head_timestamp 1.7000003E9
                # TYPE besu_transaction_pool_transactions gauge
                besu_transaction_pool_transactions{type="local"} 3.0
                besu_transaction_pool_transactions{type="remote"} 40.0
                """;

        assertThat(SeriesSelection.readings(PrometheusText.parse(geth).series())).containsOnly(
                entry("metric.chain_head_block", 21000123.0), entry("metric.chain_head_header", 21000125.0),
                entry("metric.p2p_peers", 48.0), entry("metric.txpool_pending", 5120.0));
        assertThat(SeriesSelection.readings(PrometheusText.parse(besu).series())).containsOnly(
                entry("metric.ethereum_blockchain_height", 21000120.0), entry("metric.ethereum_peer_count", 25.0),
                entry("metric.besu_blockchain_chain_head_timestamp", 1.7000003E9),
                entry("metric.besu_transaction_pool_transactions", 43.0));
    }
}
