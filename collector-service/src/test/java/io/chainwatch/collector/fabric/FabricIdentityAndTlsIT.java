package io.chainwatch.collector.fabric;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.poll.NodeProbe;
import io.chainwatch.events.FabricIdentitySecret;
import io.chainwatch.events.FabricTarget;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.chainwatch.security.InternalKeys;
import io.chainwatch.security.SealedSecrets;
import io.chainwatch.testkit.fabric.TestFabricPeer;
import io.chainwatch.testkit.fabric.TestIdentities;
import io.chainwatch.testkit.fabric.TestTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

/**
 * Where the Fabric probe's identity comes from, and how it reaches a peer over TLS — against {@link TestFabricPeer},
 * a TEST PEER (a gRPC server from fabric-protos over the real blocks of a Fabric 2.5.5 channel, which checks every
 * proposal's signature against its creator's certificate and MSP), not Fabric; over TLS with a CA and a server
 * certificate for {@code peer0.org1.example.com} made as a network's TLS CA would ({@link TestTls}).
 * <ul>
 *   <li>the organization's identity, sealed by the registry for the collectors' key, signs the probe's proposals —
 *   no identity directory needed; a box for another key, or of another MSP, is UNSUPPORTED and says why;</li>
 *   <li>with the node's TLS root certificate and server name the peer is polled over TLS; without them, or with
 *   another CA, the poll fails and says it is the TLS handshake;</li>
 *   <li>a peer that requires client certificates is polled with the organization's TLS client certificate (sealed
 *   with its identity); without one the poll fails and says so.</li>
 * </ul>
 */
class FabricIdentityAndTlsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String MSP = TestFabricPeer.MSP_ID;
    private static final String PEER_NAME = "peer0.org1.example.com";

    @TempDir
    Path emptyWallet;
    @TempDir
    Path made;

    private final KeyPair collectorKey = InternalKeys.generate();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<FabricProbe> probes = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        probes.forEach(FabricProbe::destroy);
    }

    @Test
    void theIdentitySealedByTheRegistrySignsTheProbesProposals() throws Exception {
        TestFabricPeer peer = peer(null);
        String sealed = seal((ECPublicKey) collectorKey.getPublic(), MSP);

        NodeSample channel = poll(probe(collectorKey), new FabricTarget(MSP, List.of(TestFabricPeer.CHANNEL),
                peer.endpoint(), null, null, sealed, null, null)).get(1);

        assertThat(channel.outcome()).as(channel.error()).isEqualTo(PollOutcome.OK);
        assertThat(channel.reading(Readings.BLOCK_HEIGHT)).isEqualTo(8.0);
    }

    @Test
    void anIdentitySealedForAnotherKeyOrMspIsUnsupportedAndSaysWhy() throws Exception {
        TestFabricPeer peer = peer(null);
        KeyPair otherCollectors = InternalKeys.generate();

        NodeSample otherKey = poll(probe(collectorKey), new FabricTarget(MSP, List.of(TestFabricPeer.CHANNEL),
                peer.endpoint(), null, null, seal((ECPublicKey) otherCollectors.getPublic(), MSP), null, null)).get(0);
        assertThat(otherKey.outcome()).isEqualTo(PollOutcome.UNSUPPORTED);
        assertThat(otherKey.error()).contains(MSP, "different key pairs",
                SealedSecrets.fingerprint((ECPublicKey) otherCollectors.getPublic())).doesNotContain("PRIVATE");

        NodeSample otherMsp = poll(probe(collectorKey), new FabricTarget(MSP, List.of(TestFabricPeer.CHANNEL),
                peer.endpoint(), null, null, seal((ECPublicKey) collectorKey.getPublic(), "Org2MSP"), null, null)).get(0);
        assertThat(otherMsp.outcome()).isEqualTo(PollOutcome.UNSUPPORTED);
        assertThat(otherMsp.error()).contains("Org2MSP", MSP);

        NodeSample noKey = poll(probe(null), new FabricTarget(MSP, List.of(TestFabricPeer.CHANNEL),
                peer.endpoint(), null, null, seal((ECPublicKey) collectorKey.getPublic(), MSP), null, null)).get(0);
        assertThat(noKey.outcome()).isEqualTo(PollOutcome.UNSUPPORTED);
        assertThat(noKey.error()).contains("chainwatch.collector.identity-key.private-key");
    }

    @Test
    void aTlsPeerIsPolledWithItsRootCertificateAndExpectedServerName() throws Exception {
        TestTls tls = TestTls.issue(PEER_NAME);
        TestFabricPeer peer = peer(tls);
        String sealed = seal((ECPublicKey) collectorKey.getPublic(), MSP);

        NodeSample overTls = poll(probe(collectorKey), new FabricTarget(MSP, List.of(TestFabricPeer.CHANNEL),
                peer.endpoint(), tls.caPem(), PEER_NAME, sealed, null, null)).get(1);
        assertThat(overTls.outcome()).as(overTls.error()).isEqualTo(PollOutcome.OK);
        assertThat(overTls.reading(Readings.BLOCK_HEIGHT)).isEqualTo(8.0);

        // the certificate names peer0.org1.example.com, the endpoint is an IP: without the server name, no trust
        NodeSample wrongName = poll(probe(collectorKey), new FabricTarget(MSP, List.of(TestFabricPeer.CHANNEL),
                peer.endpoint(), tls.caPem(), null, sealed, null, null)).get(1);
        assertThat(wrongName.outcome()).isEqualTo(PollOutcome.BAD_RESPONSE);
        assertThat(wrongName.error()).startsWith("TLS handshake with " + peer.endpoint() + " failed")
                .contains("serverNameOverride");

        NodeSample otherCa = poll(probe(collectorKey), new FabricTarget(MSP, List.of(TestFabricPeer.CHANNEL),
                peer.endpoint(), TestTls.issue(PEER_NAME).caPem(), PEER_NAME, sealed, null, null)).get(1);
        assertThat(otherCa.outcome()).isEqualTo(PollOutcome.BAD_RESPONSE);
        assertThat(otherCa.error()).startsWith("TLS handshake with " + peer.endpoint() + " failed")
                .contains("tlsRootCertPem");

        NodeSample plaintext = poll(probe(collectorKey), new FabricTarget(MSP, List.of(TestFabricPeer.CHANNEL),
                peer.endpoint(), null, null, sealed, null, null)).get(1);
        assertThat(plaintext.outcome()).isNotEqualTo(PollOutcome.OK);
    }

    @Test
    void aPeerThatRequiresClientCertificatesIsPolledWithTheOrganizationsTlsClientCertificate() throws Exception {
        TestTls tls = TestTls.issue(PEER_NAME);
        TestFabricPeer peer = new TestFabricPeer(TestFabricPeer.BLOCKS, Set.of(MSP), tls, true);
        toClose.add(peer);

        List<NodeSample> samples = poll(probe(collectorKey), new FabricTarget(MSP,
                List.of(TestFabricPeer.CHANNEL), peer.endpoint(), tls.caPem(), PEER_NAME,
                seal((ECPublicKey) collectorKey.getPublic(), MSP, tls), null, null));
        NodeSample withClientCertificate = samples.get(1);
        assertThat(withClientCertificate.outcome()).as(withClientCertificate.error()).isEqualTo(PollOutcome.OK);
        assertThat(withClientCertificate.reading(Readings.BLOCK_HEIGHT)).isEqualTo(8.0);
        // discovery over mutual TLS: the request names the client certificate's hash, as the peer checks
        assertThat(samples.get(0).info()).containsEntry(Readings.FABRIC_CHANNELS_JOINED, "mychannel");
        assertThat(withClientCertificate.info()).containsEntry(Readings.FABRIC_CHANNEL_PEERS,
                peer.endpoint() + " (Org1MSP, height 8)");
        assertThat(peer.discoveryCalls()).doesNotContain("discovery:refused:tls-hash");

        NodeSample without = poll(probe(collectorKey), new FabricTarget(MSP, List.of(TestFabricPeer.CHANNEL),
                peer.endpoint(), tls.caPem(), PEER_NAME, seal((ECPublicKey) collectorKey.getPublic(), MSP), null, null)).get(1);
        assertThat(without.outcome()).isEqualTo(PollOutcome.BAD_RESPONSE);
        assertThat(without.error()).startsWith("TLS handshake with " + peer.endpoint() + " failed")
                .contains("tlsCertificatePem");
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private TestFabricPeer peer(TestTls tls) {
        TestFabricPeer peer = new TestFabricPeer(TestFabricPeer.BLOCKS, Set.of(MSP), tls);
        toClose.add(peer);
        return peer;
    }

    /** A probe with the collectors' private key (or none) and an empty identity directory. */
    private FabricProbe probe(KeyPair key) {
        FabricProbe probe = new FabricProbe(new SealedIdentities(key == null ? null : (ECPrivateKey) key.getPrivate(),
                new DirectoryIdentities(emptyWallet)), CollectorProperties.of(TIMEOUT, 4));
        probes.add(probe);
        return probe;
    }

    private List<NodeSample> poll(FabricProbe probe, FabricTarget fabric) {
        NodeTarget target = new NodeTarget(id("peer-1"), "peer0.org1", id("org-1"), "acme", id("chain-f"),
                "fabric-dev", "FABRIC", null, 1000, 1, null, fabric, null);
        NodeProbe node = probe.open(target);
        toClose.add(node);
        return node.pollAll(System.currentTimeMillis());
    }

    /** What the registry puts in a target: a new identity of {@code mspId}, sealed for {@code collectors}. */
    private String seal(ECPublicKey collectors, String mspId) throws Exception {
        return seal(collectors, mspId, null);
    }

    /** As {@link #seal(ECPublicKey, String)}, with {@code tls}'s client certificate when not {@code null}. */
    private String seal(ECPublicKey collectors, String mspId, TestTls tls) throws Exception {
        Path dir = made.resolve(mspId + "-" + System.nanoTime());
        TestIdentities.write(dir, mspId, "collector@" + mspId);
        FabricIdentitySecret secret = new FabricIdentitySecret(mspId,
                Files.readString(dir.resolve(mspId).resolve("cert.pem")),
                Files.readString(dir.resolve(mspId).resolve("key.pem")),
                tls == null ? null : tls.clientCertPem(), tls == null ? null : tls.clientKeyPem());
        return SealedSecrets.seal(collectors, FabricIdentitySecret.PURPOSE,
                JsonMapper.builder().build().writeValueAsString(secret));
    }
}
