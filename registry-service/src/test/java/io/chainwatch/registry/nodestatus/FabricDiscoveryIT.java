package io.chainwatch.registry.nodestatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.registry.support.SamplePublisher;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * What the collector discovered of a Fabric peer (its joined channels, the peers of its channels), as its samples
 * on {@code chainwatch.samples} (embedded Kafka) carry it: shown in the node status, channels joined but not
 * watched offered as discovered, and added to the node's channels — a new version, audited — when the node's
 * {@code fabric.autoMonitorChannels} is on. Organization-scoped.
 */
class FabricDiscoveryIT extends RegistryTestBase {

    private SamplePublisher samples;

    @BeforeEach
    void connect() {
        samples = new SamplePublisher();
    }

    @AfterEach
    void disconnect() {
        samples.close();
    }

    private void publish(NodeSample sample) {
        samples.publish(sample);
    }

    /** The peer's own sample as the collector publishes it after discovery (FabricProbeIT checks those words). */
    private static NodeSample discovered(String org, String chain, String node, long at) {
        return new NodeSample(UUID.fromString(node), UUID.fromString(chain), UUID.fromString(org), at, PollOutcome.OK,
                null, Map.of(Readings.RPC_LATENCY_MS, 2.0),
                Map.of(Readings.FABRIC_CHANNELS_JOINED, "mychannel,other",
                        Readings.FABRIC_CHANNELS_MONITORED, "mychannel",
                        Readings.FABRIC_CHANNELS_UNMONITORED, "other",
                        Readings.FABRIC_CHANNEL_PEERS_PREFIX + "mychannel",
                        "127.0.0.1:7051 (Org1MSP, height 8), 127.0.0.1:8051 (Org1MSP, height 8),"
                                + " peer0.org2.example.com:9051 (Org2MSP, height 7)"),
                List.of(), null);
    }

    private String peer(String chain, String name, String endpoint, boolean auto) {
        Response node = post("/api/v1/nodes", "{\"chainId\": \"" + chain + "\", \"name\": \"" + name + "\","
                + " \"rpcUrl\": \"http://127.0.0.1:9443\", \"fabric\": {\"mspId\": \"Org1MSP\", \"channels\":"
                + " [\"mychannel\"], \"peerEndpoint\": \"" + endpoint + "\"" + (auto ? ", \"autoMonitorChannels\": true" : "")
                + "}}");
        assertThat(node.status()).as(node.body()).isEqualTo(201);
        return node.field("id");
    }

    @Test
    void joinedChannelsNotWatchedArePassedAsDiscoveredAndTheChannelsPeersShowWhetherTheyAreRegistered() {
        String org = createOrganization("discovery");
        String chain = post("/api/v1/chains", "{\"orgId\": \"" + org + "\", \"name\": \"fab\", \"platform\": \"FABRIC\"}")
                .field("id");
        String peer0 = peer(chain, "peer0", "127.0.0.1:7051", false);
        String peer1 = peer(chain, "peer1", "127.0.0.1:8051", false);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            publish(discovered(org, chain, peer0, System.currentTimeMillis()));
            return "up".equals(get("/api/v1/nodes/" + peer0 + "/status").field("state"));
        });

        JsonNode discovery = get("/api/v1/nodes/" + peer0 + "/status").json().path("fabricDiscovery");
        assertThat(discovery.path("joinedChannels").toString()).isEqualTo("[\"mychannel\",\"other\"]");
        assertThat(discovery.path("monitoredChannels").toString()).isEqualTo("[\"mychannel\"]");
        assertThat(discovery.path("discoveredNotMonitored").toString()).isEqualTo("[\"other\"]");
        assertThat(discovery.path("autoMonitorChannels").asBoolean()).isFalse();
        List<String> peers = discovery.path("peers").valueStream().map(p -> p.path("channel").asString() + " "
                + p.path("endpoint").asString() + " " + p.path("mspId").asString() + " "
                + p.path("ledgerHeight").asLong() + " " + (p.path("nodeId").isNull() ? "not registered"
                : p.path("nodeId").asString())).toList();
        assertThat(peers).containsExactly("mychannel 127.0.0.1:7051 Org1MSP 8 " + peer0,
                "mychannel 127.0.0.1:8051 Org1MSP 8 " + peer1,
                "mychannel peer0.org2.example.com:9051 Org2MSP 7 not registered");

        // not switched on: the node is not changed
        assertThat(get("/api/v1/nodes/" + peer0).etag()).isEqualTo("\"1\"");
        assertThat(get("/api/v1/nodes/" + peer0).json().path("fabric").path("channels").toString())
                .isEqualTo("[\"mychannel\"]");

        // another organization sees nothing of it
        Caller outsider = new Caller("user:admin-other", UUID.fromString(createOrganization("discovery-other")),
                Role.ORG_ADMIN);
        Response foreign = as(outsider).get("/api/v1/nodes/" + peer0 + "/status");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("peer0.org2.example.com");
    }

    @Test
    void withAutoMonitorChannelsADiscoveredChannelIsAddedAsANewAuditedVersionOfTheNode() {
        String org = createOrganization("discovery-auto");
        String chain = post("/api/v1/chains", "{\"orgId\": \"" + org + "\", \"name\": \"fab\", \"platform\": \"FABRIC\"}")
                .field("id");
        String peer0 = peer(chain, "peer0", "127.0.0.1:7051", true);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            publish(discovered(org, chain, peer0, System.currentTimeMillis()));
            return get("/api/v1/nodes/" + peer0).json().path("fabric").path("channels").toString()
                    .equals("[\"mychannel\",\"other\"]");
        });

        Response node = get("/api/v1/nodes/" + peer0);
        assertThat(node.etag()).isEqualTo("\"2\"");
        assertThat(node.json().path("fabric").path("autoMonitorChannels").asBoolean()).isTrue();
        JsonNode discovery = get("/api/v1/nodes/" + peer0 + "/status").json().path("fabricDiscovery");
        assertThat(discovery.path("monitoredChannels").toString()).isEqualTo("[\"mychannel\",\"other\"]");
        assertThat(discovery.path("discoveredNotMonitored").toString()).isEqualTo("[]");
        List<String> actions = get("/api/v1/audit?outcome=success&resourceType=node&resourceId=" + peer0).json()
                .valueStream().map(e -> e.path("action").asString() + "/" + e.path("actor").asString()).toList();
        assertThat(actions).containsExactly("node.channels.discovered/collector-discovery",
                "node.create/user:test-admin");

        // the same report again (the collector's next polls until it has the new target) changes nothing more
        publish(discovered(org, chain, peer0, System.currentTimeMillis()));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                "\"2\"".equals(get("/api/v1/nodes/" + peer0).etag()));
    }
}
