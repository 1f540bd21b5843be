package io.chainwatch.collector.fabric;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.poll.NodeProbe;
import io.chainwatch.collector.poll.PollScheduler;
import io.chainwatch.collector.poll.SampleListener;
import io.chainwatch.events.FabricTarget;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.chainwatch.testkit.FreePorts;
import io.chainwatch.testkit.fabric.TestFabricPeer;
import io.chainwatch.testkit.fabric.TestIdentities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The Fabric probe, with the real Fabric Gateway client, against {@link TestFabricPeer} — a test peer, not Fabric:
 * a gRPC server from fabric-protos serving the real blocks of a Fabric 2.5.5 channel.
 */
@ExtendWith(OutputCaptureExtension.class)
class FabricProbeIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final String MSP = "Org1MSP";

    @TempDir
    Path wallet;

    private FabricProbe probe;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void identities() {
        TestIdentities.write(wallet, MSP, "collector@org1.example.com");
        probe = new FabricProbe(new DirectoryIdentities(wallet), CollectorProperties.of(TIMEOUT, 4));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        probe.destroy();
    }

    private TestFabricPeer peer(int height) {
        TestFabricPeer peer = new TestFabricPeer(height, Set.of(MSP));
        toClose.add(peer);
        return peer;
    }

    private NodeProbe open(String endpoint, String mspId, String... channels) {
        NodeTarget target = new NodeTarget(id("peer-1"), "peer0.org1", id("org-1"), "acme", id("chain-f"),
                "fabric-dev", "FABRIC", null, 1000, 1, null,
                new FabricTarget(mspId, List.of(channels), endpoint, null, null, null, null, null), null);
        NodeProbe node = probe.open(target);
        toClose.add(node);
        return node;
    }

    /** Polls until the channel sample has seen {@code blocks} blocks in all, summing the samples on the way. */
    private static List<NodeSample> pollUntilBlocks(NodeProbe node, int blocks) {
        List<NodeSample> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            seen.add(node.pollAll(System.currentTimeMillis()).get(1));
            return seen.stream().mapToDouble(s -> s.reading(Readings.FABRIC_BLOCKS)).sum() >= blocks;
        });
        return seen;
    }

    private static double sum(List<NodeSample> samples, String reading) {
        return samples.stream().mapToDouble(s -> s.readings().getOrDefault(reading, 0.0)).sum();
    }

    @Test
    void readsHeightAndHashPerChannelAndTheBlocksDeliveredSinceThePreviousPoll() {
        TestFabricPeer peer = peer(4);
        NodeProbe node = open(peer.endpoint(), MSP, TestFabricPeer.CHANNEL);

        List<NodeSample> first = node.pollAll(System.currentTimeMillis());
        assertThat(first).hasSize(2);
        NodeSample nodeSample = first.get(0);
        NodeSample channel = first.get(1);
        assertThat(nodeSample.channel()).isNull();
        assertThat(nodeSample.outcome()).isEqualTo(PollOutcome.OK);
        assertThat(channel.channel()).isEqualTo("mychannel");
        assertThat(channel.outcome()).isEqualTo(PollOutcome.OK);
        assertThat(channel.reading(Readings.BLOCK_HEIGHT)).isEqualTo(4.0);
        assertThat(channel.info()).containsEntry(Readings.HEAD_HASH, "/4nZ/3yn7qe+qk0RVsAwAjFTo02C2rckoV6OMeqJXz8=");
        assertThat(channel.reading(Readings.FABRIC_BLOCKS)).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> peer.deliverStarts().contains(4L));

        // blocks 4 to 7 committed: 1 + 2 + 3 + 1 transactions, one MVCC_READ_CONFLICT in block 5
        for (int i = 0; i < 4; i++) {
            peer.commitNext();
        }
        List<NodeSample> samples = pollUntilBlocks(node, 4);

        assertThat(sum(samples, Readings.FABRIC_BLOCKS)).isEqualTo(4.0);
        assertThat(sum(samples, Readings.FABRIC_TX_COUNT)).isEqualTo(7.0);
        assertThat(sum(samples, Readings.FABRIC_TX_VALID)).isEqualTo(6.0);
        assertThat(sum(samples, Readings.FABRIC_TX_INVALID)).isEqualTo(1.0);
        assertThat(samples).anySatisfy(s -> assertThat(s.info()).containsEntry(Readings.FABRIC_INVALID_CODES, "MVCC_READ_CONFLICT=1"));
        assertThat(samples).anySatisfy(s -> assertThat(s.info()).containsEntry(Readings.FABRIC_CHAINCODES, "simple"));
        NodeSample last = node.pollAll(System.currentTimeMillis()).get(1);
        assertThat(last.reading(Readings.BLOCK_HEIGHT)).isEqualTo(8.0);
        // the captured chain info at height 8
        assertThat(last.info()).containsEntry(Readings.HEAD_HASH, "OMBvay9cmcgCiXoAx7EQXJ3xKbYTOcLwaLztj8idwYo=");
        assertThat(last.info()).containsEntry(Readings.HEAD_SOURCE, "deliver");
        // block 7 (02:36:11.877) after block 6 (02:36:06.165)
        assertThat(last.reading(Readings.FABRIC_COMMIT_INTERVAL_SECONDS)).isEqualTo(5.712);
        assertThat(last.reading(Readings.FABRIC_BLOCKS)).isZero();
    }

    /**
     * A channel whose blocks stop and start again: the block ending the silence asks for a poll at once (its stall
     * alert resolves without waiting for the poll interval); blocks at the usual pace do not.
     */
    @Test
    void aBlockEndingASilenceAsksForAPollAtOnce() throws Exception {
        TestFabricPeer peer = peer(4);
        NodeProbe node = open(peer.endpoint(), MSP, TestFabricPeer.CHANNEL); // polled every 1 s: a silence is > 2 s
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        node.onNews(asked::incrementAndGet);
        node.pollAll(System.currentTimeMillis()); // starts the block stream
        await().atMost(Duration.ofSeconds(5)).until(() -> peer.deliverStarts().contains(4L));

        peer.commitNext(); // blocks 4 and 5, one after the other: the usual pace
        peer.commitNext();
        pollUntilBlocks(node, 2);
        assertThat(asked).hasValue(0);

        Thread.sleep(2_500); // the channel stalls for longer than twice the poll interval
        peer.commitNext();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(asked).hasValue(1));
        peer.commitNext(); // and goes on at its pace: no more news
        pollUntilBlocks(node, 2);
        assertThat(asked).hasValue(1);
    }

    @Test
    void afterTheStreamBreaksBlockEventsResumeFromTheBlockAfterTheLastSeen() {
        TestFabricPeer peer = peer(3);
        NodeProbe node = open(peer.endpoint(), MSP, TestFabricPeer.CHANNEL);
        node.pollAll(System.currentTimeMillis());
        await().atMost(Duration.ofSeconds(5)).until(() -> peer.deliverStarts().contains(3L));
        peer.commitNext(); // block 3
        List<NodeSample> before = pollUntilBlocks(node, 1);

        peer.breakStreams();
        peer.commitNext(); // blocks 4 and 5 committed while the collector is not listening
        peer.commitNext();
        List<NodeSample> after = pollUntilBlocks(node, 2);

        assertThat(peer.deliverStarts()).containsExactly(3L, 4L);
        assertThat(sum(before, Readings.FABRIC_BLOCKS) + sum(after, Readings.FABRIC_BLOCKS)).isEqualTo(3.0);
        // blocks 4 (1 tx) and 5 (2 txs, one invalid), each once
        assertThat(sum(after, Readings.FABRIC_TX_COUNT)).isEqualTo(3.0);
        assertThat(sum(after, Readings.FABRIC_TX_INVALID)).isEqualTo(1.0);
    }

    @Test
    void afterARestartOfTheCollectorBlockEventsResumeFromTheCheckpoint(@TempDir Path checkpoints) throws Exception {
        TestFabricPeer peer = peer(3);
        FabricProbe before = new FabricProbe(new DirectoryIdentities(wallet),
                CollectorProperties.of(TIMEOUT, 4).withFabricCheckpointDir(checkpoints));
        NodeTarget target = new NodeTarget(id("peer-1"), "peer0.org1", id("org-1"), "acme", id("chain-f"),
                "fabric-dev", "FABRIC", null, 1000, 1, null,
                new FabricTarget(MSP, List.of(TestFabricPeer.CHANNEL), peer.endpoint(), null, null, null, null, null), null);
        NodeProbe first = before.open(target);
        first.pollAll(System.currentTimeMillis());
        await().atMost(Duration.ofSeconds(5)).until(() -> peer.deliverStarts().contains(3L));
        peer.commitNext(); // block 3
        assertThat(sum(pollUntilBlocks(first, 1), Readings.FABRIC_BLOCKS)).isEqualTo(1.0);
        first.close();
        before.destroy();

        peer.commitNext(); // blocks 4 and 5 committed while the collector is down
        peer.commitNext();
        FabricProbe after = new FabricProbe(new DirectoryIdentities(wallet),
                CollectorProperties.of(TIMEOUT, 4).withFabricCheckpointDir(checkpoints));
        try {
            NodeProbe second = after.open(target);
            toClose.add(second);
            List<NodeSample> samples = pollUntilBlocks(second, 2);

            // from block 4 (after the checkpoint), not from the height (6) the restarted collector found
            assertThat(peer.deliverStarts()).containsExactly(3L, 4L);
            assertThat(sum(samples, Readings.FABRIC_BLOCKS)).isEqualTo(2.0);
            assertThat(sum(samples, Readings.FABRIC_TX_COUNT)).isEqualTo(3.0);
            assertThat(samples.get(samples.size() - 1).reading(Readings.BLOCK_HEIGHT)).isEqualTo(6.0);
        } finally {
            after.destroy();
        }
    }

    @Test
    void aPeerOnTwoChannelsGivesOneSamplePerChannelWithItsOwnHeight() {
        TestFabricPeer peer = peer(8).joinChannel("other", 3);
        NodeProbe node = open(peer.endpoint(), MSP, TestFabricPeer.CHANNEL, "other");

        // the first call of a fresh connection may exceed the 1 s poll timeout on a loaded machine
        List<NodeSample> samples = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            samples.clear();
            samples.addAll(node.pollAll(System.currentTimeMillis()));
            return samples.stream().allMatch(NodeSample::up);
        });

        assertThat(samples).extracting(NodeSample::channel).containsExactly(null, "mychannel", "other");
        assertThat(samples.get(1).reading(Readings.BLOCK_HEIGHT)).isEqualTo(8.0);
        assertThat(samples.get(2).reading(Readings.BLOCK_HEIGHT)).isEqualTo(3.0);

        peer.commitNext("other");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                node.pollAll(System.currentTimeMillis()).get(2).reading(Readings.BLOCK_HEIGHT) == 4.0);
    }

    @Test
    void thePeersJoinedChannelsAndEachWatchedChannelsPeersAreDiscoveredAndShownInTheSamples(CapturedOutput output) {
        TestFabricPeer peer = peer(8).joinChannel("other", 3)
                .addChannelPeer(TestFabricPeer.CHANNEL, "Org2MSP", "peer0.org2.example.com:9051", 7);
        // asked at every poll here (the service: every minute)
        FabricProbe discovering = new FabricProbe(new DirectoryIdentities(wallet), CollectorProperties.of(TIMEOUT, 4),
                Duration.ZERO);
        NodeTarget target = new NodeTarget(id("peer-1"), "peer0.org1", id("org-1"), "acme", id("chain-f"),
                "fabric-dev", "FABRIC", null, 1000, 1, null,
                new FabricTarget(MSP, List.of(TestFabricPeer.CHANNEL), peer.endpoint(), null, null, null, null, null), null);
        try (NodeProbe node = discovering.open(target)) {
            List<NodeSample> samples = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                samples.clear();
                samples.addAll(node.pollAll(System.currentTimeMillis()));
                return samples.get(0).info().containsKey(Readings.FABRIC_CHANNELS_JOINED);
            });

            // what a person reads: joined channels mychannel, other; monitored: mychannel
            assertThat(samples.get(0).info())
                    .containsEntry(Readings.FABRIC_CHANNELS_JOINED, "mychannel,other")
                    .containsEntry(Readings.FABRIC_CHANNELS_MONITORED, "mychannel")
                    .containsEntry(Readings.FABRIC_CHANNELS_UNMONITORED, "other")
                    .containsEntry(Readings.FABRIC_CHANNEL_PEERS_PREFIX + "mychannel", peer.endpoint()
                            + " (Org1MSP, height 8), peer0.org2.example.com:9051 (Org2MSP, height 7)");
            assertThat(samples.get(1).channel()).isEqualTo("mychannel");
            assertThat(samples.get(1).info()).containsEntry(Readings.FABRIC_CHANNEL_PEERS, peer.endpoint()
                    + " (Org1MSP, height 8), peer0.org2.example.com:9051 (Org2MSP, height 7)");
            assertThat(peer.discoveryCalls()).contains("cscc:GetChannels", "discovery:peers:mychannel");
            assertThat(output)
                    .contains("peer0.org1 (" + id("peer-1") + "): peer has joined channels that are not monitored:"
                            + " other");

            // the peer joins a third channel: the next discovery lists it, without an edit of the node
            peer.joinChannel("third", 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> "other,third".equals(
                    node.pollAll(System.currentTimeMillis()).get(0).info().get(Readings.FABRIC_CHANNELS_UNMONITORED)));
        } finally {
            discovering.destroy();
        }
    }

    @Test
    void aListedChannelThePeerHasNotJoinedSaysSoInTheSampleAndTheLogOnce(CapturedOutput output) {
        TestFabricPeer peer = peer(8);
        NodeProbe node = open(peer.endpoint(), MSP, TestFabricPeer.CHANNEL, "ghost");

        List<NodeSample> samples = node.pollAll(System.currentTimeMillis());
        node.pollAll(System.currentTimeMillis());

        assertThat(samples).extracting(NodeSample::channel).containsExactly(null, "mychannel", "ghost");
        // the peer is up: only the channel is wrong
        assertThat(samples.get(0).outcome()).isEqualTo(PollOutcome.OK);
        assertThat(samples.get(1).outcome()).isEqualTo(PollOutcome.OK);
        assertThat(samples.get(2).outcome()).isEqualTo(PollOutcome.ERRORING);
        assertThat(samples.get(2).error()).isEqualTo("peer has not joined channel ghost");
        assertThat(output.getOut().lines().filter(l -> l.contains("WARN")
                && l.contains("node peer0.org1 (" + id("peer-1") + ") channel ghost: peer has not joined channel"
                        + " ghost")))
                .hasSize(1);
    }

    @Test
    void aPeerWhoseOnlyChannelIsNotJoinedIsUpWithTheChannelError() {
        TestFabricPeer peer = peer(8);
        List<NodeSample> samples = open(peer.endpoint(), MSP, "ghost").pollAll(System.currentTimeMillis());

        assertThat(samples.get(0).outcome()).isEqualTo(PollOutcome.OK);
        assertThat(samples.get(1).error()).isEqualTo("peer has not joined channel ghost");
    }

    @Test
    void anIdentityThePeerDoesNotAcceptIsABadResponseAndAMissingOneUnsupported() {
        TestIdentities.write(wallet, "Org2MSP", "collector@org2.example.com");
        TestFabricPeer peer = peer(8);

        NodeSample stranger = open(peer.endpoint(), "Org2MSP", TestFabricPeer.CHANNEL).pollAll(System.currentTimeMillis()).get(1);
        assertThat(stranger.outcome()).isEqualTo(PollOutcome.BAD_RESPONSE);
        assertThat(stranger.error()).contains("PERMISSION_DENIED").contains("Org2MSP");

        NodeSample missing = open(peer.endpoint(), "Org3MSP", TestFabricPeer.CHANNEL).pollAll(System.currentTimeMillis()).get(0);
        assertThat(missing.outcome()).isEqualTo(PollOutcome.UNSUPPORTED);
        assertThat(missing.error()).contains("Org3MSP").contains("cert.pem");
    }

    /**
     * A peer that was down for 20 s and is restarted is seen by the next poll: gRPC's own reconnection back-off (its
     * attempts 1, 2.6, 5.2, 9.3, 15.8, 26 s ... apart, up to 2 minutes) no longer decides when. Before, the polls
     * after a 30 s outage kept failing for 13 s after the restart.
     */
    @Test
    void aRestartedPeerIsSeenByTheNextPoll() throws Exception {
        int port = FreePorts.next();
        TestFabricPeer peer = TestFabricPeer.onPort(4, Set.of(MSP), port);
        NodeProbe node = open("127.0.0.1:" + port, MSP, TestFabricPeer.CHANNEL);
        assertThat(node.pollAll(System.currentTimeMillis()).get(0).up()).isTrue();
        peer.close();
        for (int i = 0; i < 20; i++) { // polled every second while down, as the collector would
            assertThat(node.pollAll(System.currentTimeMillis()).get(0).outcome()).isEqualTo(PollOutcome.REFUSED);
            Thread.sleep(1000);
        }

        toClose.add(TestFabricPeer.onPort(4, Set.of(MSP), port)); // listening when this returns
        NodeSample next = node.pollAll(System.currentTimeMillis()).get(0);
        assertThat(next.outcome()).as(next.error()).isEqualTo(PollOutcome.OK);
    }

    /**
     * With the collector's schedule: a peer down long enough for the node to back off (pauses up to 10 s here) is
     * polled as soon as it accepts a connection again (the probe's check at each tick), not when the back-off runs out.
     */
    @Test
    void aRestartedPeerIsPolledWithoutWaitingForItsBackOff() throws Exception {
        int port = FreePorts.next();
        TestFabricPeer peer = TestFabricPeer.onPort(4, Set.of(MSP), port);
        List<NodeSample> nodeSamples = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
        PollScheduler scheduler = scheduler(nodeSamples, arrivals);
        try {
            scheduler.activate(scheduled("127.0.0.1:" + port, MSP));
            await().atMost(Duration.ofSeconds(10)).until(() -> !nodeSamples.isEmpty() && nodeSamples.get(0).up());
            peer.close();
            // refused polls 200, 400, 800, 1,600, 3,200, 6,400 ms apart: wait for a pause of more than 3 s to begin
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                int n = nodeSamples.size();
                return n >= 2 && !nodeSamples.get(n - 1).up()
                        && nodeSamples.get(n - 1).polledAtMs() - nodeSamples.get(n - 2).polledAtMs() > 3000;
            });

            toClose.add(TestFabricPeer.onPort(4, Set.of(MSP), port));
            long restartedAt = System.currentTimeMillis();
            int back = await().atMost(Duration.ofSeconds(15)).until(() -> {
                for (int i = nodeSamples.size() - 1; i >= 0; i--) {
                    if (nodeSamples.get(i).up() && arrivals.get(i) >= restartedAt) {
                        return i;
                    }
                }
                return -1;
            }, i -> i >= 0);
            assertThat(arrivals.get(back) - restartedAt).as("ms from the restart to an OK sample (back-off: 6,400 ms)")
                    .isLessThan(2000);
            assertThat(scheduler.stats().newsPolls()).isEqualTo(1);
        } finally {
            scheduler.destroy();
        }
    }

    /**
     * A peer that is up but refuses the collector's identity keeps its back-off: its connection being ready says
     * nothing about whether the polls would succeed now.
     */
    @Test
    void aPeerThatRefusesTheIdentityKeepsItsBackOff() {
        TestIdentities.write(wallet, "Org2MSP", "collector@org2.example.com");
        TestFabricPeer peer = peer(8);
        List<NodeSample> nodeSamples = new java.util.concurrent.CopyOnWriteArrayList<>();
        PollScheduler scheduler = scheduler(nodeSamples, new java.util.concurrent.CopyOnWriteArrayList<>());
        try {
            scheduler.activate(scheduled(peer.endpoint(), "Org2MSP"));
            await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(nodeSamples).isNotEmpty().allSatisfy(sample -> assertThat(sample.up()).isFalse());
            // without back-off 20 polls; with it 200, 400, 800, 1,600 ms apart
            assertThat(nodeSamples.size()).isBetween(3, 7);
            assertThat(scheduler.stats().newsPolls()).isZero();
        } finally {
            scheduler.destroy();
        }
    }

    /** A schedule of this test's Fabric probe (back-off up to 10 s) whose node samples go to the lists given. */
    private PollScheduler scheduler(List<NodeSample> nodeSamples, List<Long> arrivals) {
        return new PollScheduler(List.of(probe), List.of(new SampleListener() {
            @Override
            public void onSample(NodeTarget target, NodeSample sample) {
                if (sample.channel() == null) {
                    nodeSamples.add(sample);
                    arrivals.add(System.currentTimeMillis());
                }
            }

            @Override
            public void onNodeRemoved(NodeTarget target) {
            }
        }), CollectorProperties.of(TIMEOUT, 4).withBackoffMax(Duration.ofSeconds(10)));
    }

    /** The peer at {@code endpoint}, polled every 200 ms as {@code mspId}. */
    private static NodeTarget scheduled(String endpoint, String mspId) {
        return new NodeTarget(id("peer-1"), "peer0.org1", id("org-1"), "acme", id("chain-f"), "fabric-dev", "FABRIC",
                null, 200, 1, null,
                new FabricTarget(mspId, List.of(TestFabricPeer.CHANNEL), endpoint, null, null, null, null, null),
                null);
    }

    @Test
    void aPeerThatIsDownIsRefusedAndOneThatHangsTimesOut() {
        NodeSample down = open("127.0.0.1:" + FreePorts.next(), MSP, TestFabricPeer.CHANNEL)
                .pollAll(System.currentTimeMillis()).get(1);
        assertThat(down.outcome()).isEqualTo(PollOutcome.REFUSED);
        assertThat(down.error()).contains("could not reach");

        TestFabricPeer peer = peer(8);
        peer.hangEvaluations();
        long started = System.nanoTime();
        List<NodeSample> hanging = open(peer.endpoint(), MSP, TestFabricPeer.CHANNEL).pollAll(System.currentTimeMillis());
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(hanging.get(0).outcome()).isEqualTo(PollOutcome.TIMEOUT);
        assertThat(hanging.get(1).outcome()).isEqualTo(PollOutcome.TIMEOUT);
        assertThat(tookMs).isBetween(TIMEOUT.toMillis() - 50, TIMEOUT.toMillis() + 1500);
    }
}
