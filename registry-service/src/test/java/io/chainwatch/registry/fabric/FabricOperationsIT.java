package io.chainwatch.registry.fabric;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.testkit.FreePorts;
import io.chainwatch.testkit.fabric.TestFabricPeer;
import io.chainwatch.testkit.fabric.TestIdentities;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native Fabric adapter through the real Fabric Gateway client against {@link TestFabricPeer}: a
 * PROTOCOL-LEVEL TEST PEER from the testkit, not Fabric — a gRPC server built from fabric-protos that serves qscc
 * {@code GetChainInfo} and {@code GetBlockByNumber} over the real blocks of a real Fabric 2.5.5 channel
 * ({@code mychannel}, height 8) and checks each proposal's signature against the creator certificate and its MSP
 * id. It does not serve {@code GetTransactionByID}; that operation is covered by {@link FabricOperationsTest}.
 * Also the client identities API: validation, and the private key never returned.
 */
class FabricOperationsIT extends RegistryTestBase {

    @TempDir
    Path wallet;

    private TestFabricPeer peer;

    @BeforeEach
    void startPeer() {
        peer = new TestFabricPeer(TestFabricPeer.BLOCKS, Set.of(TestFabricPeer.MSP_ID));
    }

    @AfterEach
    void stopPeer() throws InterruptedException {
        peer.close();
    }

    @Test
    void theOperationsGroupReadsTheRealChannelThroughQscc() throws Exception {
        String orgId = createOrganization("fabric-ops");
        String chainId = fabricChain(orgId, "fabric-dev");
        node(chainId, "peer0", "Org1MSP", peer.endpoint());

        Response withoutIdentity = operation(chainId, "chainInfo", "{}");
        assertThat(withoutIdentity.status()).as(withoutIdentity.body()).isEqualTo(409);
        assertThat(withoutIdentity.json().path("detail").asString()).contains("Org1MSP", "fabric-identities");

        putIdentity(orgId, "Org1MSP", "registry@org1.example.com");

        // the JVM's first Gateway call (Netty, gRPC, protobuf loaded) may outlast the test client's 10 s on a loaded
        // machine: wait for the first answer by condition, then read as a user would
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> operation(chainId, "chainInfo", "{}").status() == 200);
        JsonNode info = result(operation(chainId, "chainInfo", "{}"));
        assertThat(info.path("chainId").asString()).isEqualTo("mychannel");
        assertThat(info.path("name").asString()).isEqualTo("fabric-dev");
        assertThat(info.path("blockHeight").asLong()).isEqualTo(8);
        assertThat(info.path("currentBlockHash").asString()).isEqualTo(FabricBlocksTest.hex(FabricBlocksTest.HEADER_HASHES.get(7)));
        assertThat(info.path("previousBlockHash").asString()).isEqualTo(FabricBlocksTest.hex(FabricBlocksTest.HEADER_HASHES.get(6)));

        JsonNode summary = result(operation(chainId, "ledgerSummary", "{\"channel\": \"mychannel\"}"));
        assertThat(summary.path("blockHeight").asLong()).isEqualTo(8);
        assertThat(summary.path("transactionCount").asLong()).isEqualTo(11); // 1+1+1+1+1+2+3+1
        assertThat(summary.path("validTransactions").asLong()).isEqualTo(10);
        assertThat(summary.path("invalidTransactions").path("MVCC_READ_CONFLICT").asLong()).isEqualTo(1);
        assertThat(summary.path("latestBlockTime").asString()).isEqualTo("2026-11-22T02:36:11.877591389Z");

        JsonNode list = result(operation(chainId, "blockList", "{\"from\": 4, \"to\": 6}"));
        assertThat(list.path("blocks").valueStream().map(b -> b.path("number").asLong()).toList()).containsExactly(4L, 5L, 6L);
        JsonNode five = list.path("blocks").get(1);
        assertThat(five.path("hash").asString()).isEqualTo(FabricBlocksTest.hex(FabricBlocksTest.HEADER_HASHES.get(5)));
        assertThat(five.path("previousHash").asString()).isEqualTo(FabricBlocksTest.hex(FabricBlocksTest.HEADER_HASHES.get(4)));
        assertThat(five.path("dataHash").asString()).isEqualTo("74d3ff57b18767fcaf8a822ba8ff0fee888dfc76e81c229ac677a07980728e8a");
        assertThat(five.path("transactionCount").asInt()).isEqualTo(2);
        assertThat(five.path("transactions").valueStream().map(t -> t.path("txId").asString() + " "
                + t.path("validationCode").asString() + " " + t.path("chaincode").asString()).toList()).containsExactly(
                "2d5b6931b53ec736f1560ea1164b903382f20c4770ef1be99633dfac761906e2 VALID simple",
                "03900f6030d3b514976c21c724aa7989088c8ab249ffb471632e4986dfa374d5 MVCC_READ_CONFLICT simple");
        assertThat(five.path("timestamp").asString()).isEqualTo("2026-11-22T02:36:00.127349572Z");
        assertThat(result(operation(chainId, "blockList", null)).path("blocks")).hasSize(8); // default: last 10

        JsonNode genesis = result(operation(chainId, "transactionList", "{\"block\": 0}"));
        assertThat(genesis.path("blockNumber").asLong()).isZero();
        assertThat(genesis.path("transactions").get(0).path("type").asString()).isEqualTo("CONFIG");
        assertThat(genesis.path("transactions").get(0).path("txId").asString())
                .isEqualTo("e52227070b72a1a73e10ae803a9d54b2440b521026bf1a580cfff2935f76e62e");
        JsonNode latest = result(operation(chainId, "transactionList", "{}"));
        assertThat(latest.path("blockNumber").asLong()).isEqualTo(7);
        assertThat(latest.path("transactions").get(0).path("txId").asString())
                .isEqualTo("cd28b1f62b617c9c06461656da720a9e55c3d78377277a3d7df1df3a724da598");

        // bad input: RFC 9457 problems
        Response tooWide = operation(chainId, "blockList", "{\"from\": 0, \"to\": 500}");
        assertThat(tooWide.status()).isEqualTo(400);
        assertThat(tooWide.contentType()).startsWith("application/problem+json");
        assertThat(operation(chainId, "blockList", "{\"from\": -1}").status()).isEqualTo(400);
        assertThat(operation(chainId, "chainInfo", "{\"channel\": \"otherchannel\"}").status()).isEqualTo(400);
        assertThat(operation(chainId, "transaction", "{\"hash\": \"0x1234\"}").status()).isEqualTo(400);
        assertThat(operation(chainId, "createNetwork", "{}").status()).isEqualTo(409);
        assertThat(operation(chainId, "noSuchOperation", "{}").status()).isEqualTo(404);
    }

    @Test
    void nodesAndMonitoringAskEveryPeerAndTheChainGrows() throws Exception {
        String orgId = createOrganization("fabric-nodes");
        putIdentity(orgId, "Org1MSP", "registry@org1.example.com");
        TestFabricPeer younger = new TestFabricPeer(5, Set.of(TestFabricPeer.MSP_ID));
        try {
            String chainId = fabricChain(orgId, "fabric-multi");
            node(chainId, "peer0", "Org1MSP", peer.endpoint());
            node(chainId, "peer1", "Org1MSP", younger.endpoint());
            node(chainId, "dead", "Org1MSP", "127.0.0.1:" + FreePorts.next());

            JsonNode nodes = result(operation(chainId, "nodes", "{}"));
            assertThat(nodes.path("nodes").valueStream().map(n -> n.path("name").asString() + " "
                    + n.path("reachable").asBoolean() + " " + n.path("blockHeight").asLong(-1)).toList())
                    .containsExactly("peer0 true 8", "peer1 true 5", "dead false -1");
            assertThat(nodes.path("nodes").get(2).path("error").asString()).contains("could not reach 127.0.0.1:");
            JsonNode monitoring = result(operation(chainId, "monitoring", "{}"));
            assertThat(monitoring.path("status").asString()).isEqualTo("DEGRADED");
            assertThat(monitoring.path("nodesUp").asLong()).isEqualTo(2);
            assertThat(monitoring.path("bestBlockHeight").asLong()).isEqualTo(8);

            younger.commitNext();
            assertThat(result(operation(chainId, "nodes", "{}")).path("nodes").get(1).path("blockHeight").asLong())
                    .isEqualTo(6);
        } finally {
            younger.close();
        }

        // a peer that does not know the MSP rejects the signed proposal: 502 naming the peer's answer
        String other = createOrganization("fabric-org2");
        putIdentity(other, "Org2MSP", "registry@org2.example.com");
        String chain2 = fabricChain(other, "fabric-org2");
        node(chain2, "peer0", "Org2MSP", peer.endpoint());
        Response denied = operation(chain2, "chainInfo", "{}");
        assertThat(denied.status()).as(denied.body()).isEqualTo(502);
        assertThat(denied.json().path("detail").asString()).contains("PERMISSION_DENIED", "Org2MSP");

        // an ETHEREUM chain still goes to the Ethereum adapter
        String ethereum = createChain(orgId, "eth-still");
        Response noNodes = operation(ethereum, "chainInfo", "{}");
        assertThat(noNodes.status()).isEqualTo(409);
        assertThat(noNodes.json().path("detail").asString()).contains("no nodes");
    }

    @Test
    void aChannelThePeerHasNotJoinedIsNamedSoAsInTheCollectorsSamples() throws Exception {
        String orgId = createOrganization("fabric-ghost");
        putIdentity(orgId, "Org1MSP", "registry@org1.example.com");
        String chainId = fabricChain(orgId, "fabric-ghost");
        Response created = post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"peer0\","
                + " \"rpcUrl\": \"http://127.0.0.1:9443\", \"fabric\": {\"mspId\": \"Org1MSP\","
                + " \"channels\": [\"mychannel\", \"ghost\"], \"peerEndpoint\": \"" + peer.endpoint() + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Response ghost = operation(chainId, "chainInfo", "{\"channel\": \"ghost\"}");
        assertThat(ghost.status()).as(ghost.body()).isEqualTo(502);
        assertThat(ghost.json().path("detail").asString()).startsWith("peer has not joined channel ghost");

        JsonNode nodes = result(operation(chainId, "nodes", "{\"channel\": \"ghost\"}"));
        assertThat(nodes.path("nodes").get(0).path("reachable").asBoolean()).isFalse();
        assertThat(nodes.path("nodes").get(0).path("joined").asBoolean(true)).isFalse();
        assertThat(nodes.path("nodes").get(0).path("error").asString()).startsWith("peer has not joined channel ghost");
        // the joined channel still answers
        assertThat(result(operation(chainId, "chainInfo", "{}")).path("blockHeight").asLong()).isEqualTo(8);
    }

    @Test
    void anOrdererIsRegisteredWithItsOperationsAndParticipationEndpointsAndIsNoPeerToAsk() throws Exception {
        String orgId = createOrganization("fabric-orderer");
        putIdentity(orgId, "Org1MSP", "registry@org1.example.com");
        String chainId = fabricChain(orgId, "fabric-ord");
        node(chainId, "peer0", "Org1MSP", peer.endpoint());
        Response orderer = post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"orderer0\","
                + " \"rpcUrl\": \"http://127.0.0.1:8443\", \"metricsUrl\": \"http://127.0.0.1:8443/metrics\","
                + " \"fabric\": {\"mspId\": \"OrdererMSP\", \"role\": \"ORDERER\","
                + " \"participationUrl\": \"https://127.0.0.1:7053\"}}");
        assertThat(orderer.status()).as(orderer.body()).isEqualTo(201);
        JsonNode target = latestTarget(orderer.field("id"));
        assertThat(target.path("fabric").path("role").asString()).isEqualTo("ORDERER");
        assertThat(target.path("fabric").path("participationUrl").asString()).isEqualTo("https://127.0.0.1:7053");
        assertThat(target.path("fabric").path("peerEndpoint").isNull()).isTrue();
        assertThat(target.path("metricsUrl").asString()).isEqualTo("http://127.0.0.1:8443/metrics");
        // a peer's target says it is one
        JsonNode peerTarget = latestTarget(jdbc.sql("select id::text from registry.node where name = 'peer0' and"
                + " chain_id = cast(:c as uuid)").param("c", chainId).query(String.class).single());
        assertThat(peerTarget.path("fabric").path("role").asString()).isEqualTo("PEER");

        // the orderer holds no qscc: the operations ask the peer only
        JsonNode nodes = result(operation(chainId, "nodes", "{}"));
        assertThat(nodes.path("nodes").valueStream().map(n -> n.path("name").asString()).toList())
                .containsExactly("peer0");
        assertThat(result(operation(chainId, "chainInfo", "{}")).path("blockHeight").asLong()).isEqualTo(8);

        // what does not make sense is a 400 problem naming the field, and nothing is stored
        long before = jdbc.sql("select count(*) from registry.node").query(Long.class).single();
        Response noOperations = post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"o1\","
                + " \"rpcUrl\": \"http://127.0.0.1:8443\", \"fabric\": {\"mspId\": \"OrdererMSP\","
                + " \"role\": \"ORDERER\"}}");
        assertThat(noOperations.status()).isEqualTo(400);
        assertThat(noOperations.contentType()).startsWith("application/problem+json");
        assertThat(noOperations.body()).contains("metricsUrl");
        Response ordererWithPeerEndpoint = post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\":"
                + " \"o2\", \"rpcUrl\": \"http://127.0.0.1:8443\", \"metricsUrl\": \"http://127.0.0.1:8443/metrics\","
                + " \"fabric\": {\"mspId\": \"OrdererMSP\", \"role\": \"ORDERER\", \"peerEndpoint\": \"127.0.0.1:7050\"}}");
        assertThat(ordererWithPeerEndpoint.status()).isEqualTo(400);
        assertThat(ordererWithPeerEndpoint.body()).contains("fabric.peerEndpoint");
        Response peerWithoutEndpoint = post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\":"
                + " \"p2\", \"rpcUrl\": \"http://127.0.0.1:9443\", \"fabric\": {\"mspId\": \"Org1MSP\","
                + " \"channels\": [\"mychannel\"]}}");
        assertThat(peerWithoutEndpoint.status()).isEqualTo(400);
        assertThat(peerWithoutEndpoint.body()).contains("fabric.peerEndpoint", "ORDERER");
        Response badRole = post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"x\","
                + " \"rpcUrl\": \"http://127.0.0.1:9443\", \"fabric\": {\"mspId\": \"Org1MSP\","
                + " \"role\": \"CLIENT\", \"channels\": [\"mychannel\"], \"peerEndpoint\": \"127.0.0.1:7051\"}}");
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.body()).contains("fabric.role");
        assertThat(jdbc.sql("select count(*) from registry.node").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void explorerReadsChaincodesChannelTotalsTransactionDetailsAndPagedBlocks() throws Exception {
        String orgId = createOrganization("fabric-explorer");
        putIdentity(orgId, "Org1MSP", "registry@org1.example.com");
        String chainId = fabricChain(orgId, "fabric-explorer");
        node(chainId, "peer0", "Org1MSP", peer.endpoint());

        // chaincodes of the channel through _lifecycle QueryChaincodeDefinitions (the captured definition of basic)
        JsonNode chaincodes = result(operation(chainId, "chaincodes", "{}"));
        assertThat(chaincodes.path("channel").asString()).isEqualTo("mychannel");
        JsonNode basic = chaincodes.path("chaincodes").get(0);
        assertThat(basic.path("name").asString()).isEqualTo("basic");
        assertThat(basic.path("version").asString()).isEqualTo("1.5");
        assertThat(basic.path("sequence").asLong()).isEqualTo(5);
        assertThat(basic.path("endorsementPolicy").asString())
                .isEqualTo("channel policy /Channel/Application/Endorsement");
        assertThat(chaincodes.path("transactionsComplete").asBoolean()).isTrue();
        assertThat(peer.evaluations()).anyMatch(e -> e.startsWith("_lifecycle:QueryChaincodeDefinitions"));

        // the channel's totals from block 0, not a window: 11 transactions in 8 blocks, one MVCC_READ_CONFLICT
        JsonNode summary = result(operation(chainId, "ledgerSummary", "{}"));
        assertThat(summary.path("totalTransactions").asLong()).isEqualTo(11);
        assertThat(summary.path("totalValidTransactions").asLong()).isEqualTo(10);
        assertThat(summary.path("totalTransactionsComplete").asBoolean()).isTrue();
        assertThat(summary.path("transactionsByChaincode").path("simple").asLong()).isEqualTo(8);
        assertThat(summary.path("transactionsByChaincode").path("_lifecycle").asLong()).isEqualTo(2);
        assertThat(summary.path("transactionsByChaincode").path("(CONFIG)").asLong()).isEqualTo(1);

        // a transaction's endorsers, arguments and read/write set keys (block 5, tx 1: invoke a b 7, the conflict)
        JsonNode tx = result(operation(chainId, "transaction",
                "{\"hash\": \"03900f6030d3b514976c21c724aa7989088c8ab249ffb471632e4986dfa374d5\"}"));
        assertThat(tx.path("blockNumber").asLong()).isEqualTo(5);
        assertThat(tx.path("validationCode").asString()).isEqualTo("MVCC_READ_CONFLICT");
        assertThat(tx.path("endorsers").get(0).path("mspId").asString()).isEqualTo("Org1MSP");
        assertThat(tx.path("endorsers").get(0).path("subject").asString()).contains("CN=peer0.org1.example.com");
        assertThat(tx.path("arguments").valueStream().map(JsonNode::asString).toList())
                .containsExactly("invoke", "a", "b", "7");
        assertThat(tx.path("reads").valueStream().filter(r -> r.path("namespace").asString().equals("simple"))
                .map(r -> r.path("key").asString() + "@" + r.path("version").asString()).toList())
                .contains("a@4:0", "b@4:0");
        assertThat(tx.path("writes").valueStream().map(w -> w.path("key").asString()).toList())
                .containsExactly("a", "b");

        // block lists by page, newest first, past any window
        JsonNode page0 = result(operation(chainId, "blockList", "{\"page\": 0, \"size\": 3}"));
        assertThat(page0.path("blocks").valueStream().map(b -> b.path("number").asLong()).toList())
                .containsExactly(5L, 6L, 7L);
        assertThat(page0.path("pages").asLong()).isEqualTo(3);
        JsonNode page2 = result(operation(chainId, "blockList", "{\"page\": 2, \"size\": 3}"));
        assertThat(page2.path("blocks").valueStream().map(b -> b.path("number").asLong()).toList())
                .containsExactly(0L, 1L);
        assertThat(operation(chainId, "blockList", "{\"page\": 3, \"size\": 3}").status()).isEqualTo(404);
        assertThat(operation(chainId, "blockList", "{\"page\": 0, \"size\": 500}").status()).isEqualTo(400);

        // another organization sees none of it
        String otherOrg = createOrganization("fabric-explorer-other");
        Response foreign = as(new io.chainwatch.security.Caller("user:other-operator", java.util.UUID.fromString(otherOrg),
                io.chainwatch.security.Role.OPERATOR))
                .post("/api/v1/chains/" + chainId + "/operations/chaincodes", "{}");
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(404);
    }

    @Test
    void aChaincodesUpgradeReadinessShowsTheCommittedDefinitionAndWhoApprovedTheNextSequence() throws Exception {
        String orgId = createOrganization("fabric-upgrade");
        putIdentity(orgId, "Org1MSP", "registry@org1.example.com");
        String chainId = fabricChain(orgId, "fabric-upgrade");
        node(chainId, "peer0", "Org1MSP", peer.endpoint());
        String readiness = "/api/v1/chains/" + chainId + "/chaincodes/basic/upgrade-readiness?version=1.6";

        // the captures: basic committed at sequence 5 (1.5) approved by Org1MSP; sequence 6 not approved by anyone
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> get(readiness).status() == 200);
        JsonNode state = get(readiness).json();
        assertThat(state.path("channel").asString()).isEqualTo("mychannel");
        JsonNode committed = state.path("committed");
        assertThat(committed.path("sequence").asLong()).isEqualTo(5);
        assertThat(committed.path("version").asString()).isEqualTo("1.5");
        assertThat(committed.path("endorsementPolicy").asString())
                .isEqualTo("channel policy /Channel/Application/Endorsement");
        assertThat(committed.path("approvals").path("Org1MSP").asBoolean()).isTrue();
        JsonNode next = state.path("next");
        assertThat(next.path("sequence").asLong()).isEqualTo(6);
        assertThat(next.path("version").asString()).isEqualTo("1.6");
        assertThat(next.path("approvals").path("Org1MSP").asBoolean(true)).isFalse();
        assertThat(next.path("approvedBy")).isEmpty();
        assertThat(next.path("awaitingApproval").valueStream().map(JsonNode::asString)).containsExactly("Org1MSP");
        assertThat(next.path("majorityApproved").asBoolean(true)).isFalse();
        assertThat(peer.evaluations()).anyMatch(e -> e.startsWith("_lifecycle:QueryChaincodeDefinition,"))
                .anyMatch(e -> e.startsWith("_lifecycle:CheckCommitReadiness,"));

        // a chaincode not defined on the channel: the peer's 404 (captured), as a 404 problem
        Response missing = get("/api/v1/chains/" + chainId + "/chaincodes/nosuch/upgrade-readiness");
        assertThat(missing.status()).as(missing.body()).isEqualTo(404);
        assertThat(missing.json().path("detail").asString()).contains("nosuch", "mychannel", "not defined");
        Response badName = get("/api/v1/chains/" + chainId + "/chaincodes/no%20such/upgrade-readiness");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(get(readiness + "&channel=ghost").status()).as("no peer watches it").isEqualTo(400);

        // another organization sees none of it; a viewer of the owner reads it
        String otherOrg = createOrganization("fabric-upgrade-other");
        assertThat(as(new io.chainwatch.security.Caller("user:other", java.util.UUID.fromString(otherOrg),
                io.chainwatch.security.Role.ORG_ADMIN)).get(readiness).status()).isEqualTo(404);
        assertThat(as(new io.chainwatch.security.Caller("user:viewer", java.util.UUID.fromString(orgId),
                io.chainwatch.security.Role.VIEWER)).get(readiness).status()).isEqualTo(200);
    }

    @Test
    void identitiesAreValidatedAndTheirKeysNeverShown() throws Exception {
        String orgId = createOrganization("fabric-ids");
        TestIdentities.write(wallet.resolve("a"), "Org1MSP", "a@org1.example.com");
        TestIdentities.write(wallet.resolve("b"), "Org1MSP", "b@org1.example.com");
        String certA = Files.readString(wallet.resolve("a/Org1MSP/cert.pem"));
        String keyA = Files.readString(wallet.resolve("a/Org1MSP/key.pem"));
        String keyB = Files.readString(wallet.resolve("b/Org1MSP/key.pem"));
        String path = "/api/v1/organizations/" + orgId + "/fabric-identities/Org1MSP";
        long secrets = count("secret");

        Response mismatch = send("PUT", path, body(certA, keyB));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.contentType()).startsWith("application/problem+json");
        assertThat(mismatch.json().path("detail").asString()).contains("privateKeyPem", "does not match");
        assertThat(mismatch.body()).doesNotContain(keyB.strip().split("\n")[1]);
        Response notACertificate = send("PUT", path, body("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", keyA));
        assertThat(notACertificate.status()).isEqualTo(400);
        assertThat(notACertificate.json().path("detail").asString()).contains("certificatePem");
        Response notAKey = send("PUT", path, body(certA, "not a key"));
        assertThat(notAKey.status()).isEqualTo(400);
        assertThat(notAKey.json().path("detail").asString()).contains("privateKeyPem");
        assertThat(send("PUT", path, "{\"certificatePem\": \"x\"}").status()).isEqualTo(400);
        assertThat(send("PUT", "/api/v1/organizations/" + orgId + "/fabric-identities/bad%20msp", body(certA, keyA))
                .status()).isEqualTo(400);
        assertThat(send("PUT", "/api/v1/organizations/" + java.util.UUID.randomUUID() + "/fabric-identities/Org1MSP",
                body(certA, keyA)).status()).isEqualTo(404);
        assertThat(count("secret")).isEqualTo(secrets);

        Response created = send("PUT", path, body(certA, keyA));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(path);
        JsonNode identity = created.json();
        assertThat(identity.path("mspId").asString()).isEqualTo("Org1MSP");
        assertThat(identity.path("subject").asString()).contains("CN=a@org1.example.com");
        assertThat(identity.path("privateKey").path("set").asBoolean()).isTrue();
        assertThat(identity.path("privateKey").path("fingerprint").asString()).startsWith("hmac:");
        assertThat(identity.path("certificateFingerprint").asString()).matches("sha256:[0-9a-f]{64}");
        assertThat(created.body()).doesNotContain("PRIVATE KEY").doesNotContain(keyA.strip().split("\n")[1]);
        assertThat(count("secret")).isEqualTo(secrets + 1);

        Response listed = get("/api/v1/organizations/" + orgId + "/fabric-identities");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json()).hasSize(1);
        assertThat(listed.body()).doesNotContain("PRIVATE KEY");

        // replacing: the old key's secret is forgotten
        TestIdentities.write(wallet.resolve("c"), "Org1MSP", "c@org1.example.com");
        Response replaced = send("PUT", path, body(Files.readString(wallet.resolve("c/Org1MSP/cert.pem")),
                Files.readString(wallet.resolve("c/Org1MSP/key.pem"))));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.etag()).isEqualTo("\"2\"");
        assertThat(replaced.json().path("privateKey").path("fingerprint").asString())
                .isNotEqualTo(identity.path("privateKey").path("fingerprint").asString());
        assertThat(count("secret")).isEqualTo(secrets + 1);

        assertThat(get("/api/v1/audit?resourceType=fabric-identity&resourceId=Org1MSP&orgId=" + orgId).body())
                .contains("fabric-identity.put").doesNotContain("PRIVATE KEY");
        assertThat(delete(path).status()).isEqualTo(204);
        assertThat(get(path).status()).isEqualTo(404);
        assertThat(count("secret")).isEqualTo(secrets);
    }

    @Test
    void aPeerServingTlsIsReadWithTheNodesRootCertificateAndServerName() throws Exception {
        io.chainwatch.testkit.fabric.TestTls tls = io.chainwatch.testkit.fabric.TestTls.issue("peer0.org1.example.com");
        try (TestFabricPeer tlsPeer = new TestFabricPeer(TestFabricPeer.BLOCKS, Set.of(TestFabricPeer.MSP_ID), tls)) {
            String orgId = createOrganization("fabric-tls");
            putIdentity(orgId, "Org1MSP", "registry@org1.example.com");
            String chainId = fabricChain(orgId, "fabric-tls");
            tlsNode(chainId, tlsPeer.endpoint(), tls);

            JsonNode info = result(operation(chainId, "chainInfo", "{}"));
            assertThat(info.path("blockHeight").asLong()).isEqualTo(8);
            assertThat(info.path("currentBlockHash").asString())
                    .isEqualTo(FabricBlocksTest.hex(FabricBlocksTest.HEADER_HASHES.get(7)));
        }
        // a peer that requires TLS client certificates: refused without one, read with the identity's
        try (TestFabricPeer strict = new TestFabricPeer(TestFabricPeer.BLOCKS, Set.of(TestFabricPeer.MSP_ID), tls, true)) {
            String orgId = createOrganization("fabric-mtls-peer");
            putIdentity(orgId, "Org1MSP", "registry@org1.example.com");
            String chainId = fabricChain(orgId, "fabric-mtls-peer");
            tlsNode(chainId, strict.endpoint(), tls);
            assertThat(operation(chainId, "chainInfo", "{}").status()).isEqualTo(502);

            Path dir = wallet.resolve(orgId);
            Response put = send("PUT", "/api/v1/organizations/" + orgId + "/fabric-identities/Org1MSP",
                    tlsBody(Files.readString(dir.resolve("Org1MSP/cert.pem")),
                            Files.readString(dir.resolve("Org1MSP/key.pem")), tls.clientCertPem(), tls.clientKeyPem()));
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(result(operation(chainId, "chainInfo", "{}")).path("blockHeight").asLong()).isEqualTo(8);
        }
    }

    @Test
    void theCollectorsGetTheOrganizationsIdentitySealedForThemAndOnlyForItsOwnNodes() throws Exception {
        String orgId = createOrganization("fabric-sealed");
        String other = createOrganization("fabric-sealed-other");
        String chainId = fabricChain(orgId, "fabric-sealed");
        String nodeId = node(chainId, "peer0", "Org1MSP", peer.endpoint());
        String otherNode = node(fabricChain(other, "fabric-sealed-other"), "peer0", "Org1MSP", peer.endpoint());
        assertThat(sealedIdentity(latestTarget(nodeId))).as("no identity yet").isNull();
        long otherTargets = targets(otherNode);

        putIdentity(orgId, "Org1MSP", "collector@org1.example.com");

        JsonNode target = latestTarget(nodeId);
        String sealed = sealedIdentity(target);
        assertThat(sealed).isNotNull();
        assertThat(target.toString()).doesNotContain("PRIVATE KEY");
        JsonNode opened = json.readTree(io.chainwatch.security.SealedSecrets.open(
                (java.security.interfaces.ECPrivateKey) COLLECTOR_KEY.getPrivate(),
                io.chainwatch.events.FabricIdentitySecret.PURPOSE, sealed));
        Path stored = wallet.resolve(orgId).resolve("Org1MSP");
        assertThat(opened.path("mspId").asString()).isEqualTo("Org1MSP");
        assertThat(opened.path("certificatePem").asString().strip())
                .isEqualTo(Files.readString(stored.resolve("cert.pem")).strip());
        assertThat(opened.path("privateKeyPem").asString().strip())
                .isEqualTo(Files.readString(stored.resolve("key.pem")).strip());
        // the API shows neither the box nor the key; the other organization's node got nothing
        assertThat(get("/api/v1/nodes/" + nodeId).body()).doesNotContain("sealedIdentity").doesNotContain("PRIVATE");
        assertThat(targets(otherNode)).isEqualTo(otherTargets);
        assertThat(sealedIdentity(latestTarget(otherNode))).isNull();

        // removed: the collectors are told the node has none any more
        assertThat(delete("/api/v1/organizations/" + orgId + "/fabric-identities/Org1MSP").status()).isEqualTo(204);
        assertThat(sealedIdentity(latestTarget(nodeId))).isNull();
        assertThat(latestTarget(nodeId).path("fabric").path("peerEndpoint").asString()).isEqualTo(peer.endpoint());
    }

    @Test
    void aTlsClientCertificateIsValidatedStoredEncryptedAndSealedWithTheIdentity() throws Exception {
        String orgId = createOrganization("fabric-mtls");
        String nodeId = node(fabricChain(orgId, "fabric-mtls"), "peer0", "Org1MSP", peer.endpoint());
        Path dir = wallet.resolve(orgId);
        TestIdentities.write(dir, "Org1MSP", "collector@org1.example.com");
        String cert = Files.readString(dir.resolve("Org1MSP/cert.pem"));
        String key = Files.readString(dir.resolve("Org1MSP/key.pem"));
        io.chainwatch.testkit.fabric.TestTls tls = io.chainwatch.testkit.fabric.TestTls.issue("peer0.org1.example.com");
        String path = "/api/v1/organizations/" + orgId + "/fabric-identities/Org1MSP";
        long secrets = count("secret");

        Response certificateOnly = send("PUT", path, "{\"certificatePem\": " + json.writeValueAsString(cert)
                + ", \"privateKeyPem\": " + json.writeValueAsString(key) + ", \"tlsCertificatePem\": "
                + json.writeValueAsString(tls.clientCertPem()) + "}");
        assertThat(certificateOnly.status()).isEqualTo(400);
        assertThat(certificateOnly.json().path("detail").asString()).contains("tlsPrivateKeyPem");
        Response otherKey = send("PUT", path, tlsBody(cert, key, tls.clientCertPem(), tls.serverKeyPem()));
        assertThat(otherKey.status()).isEqualTo(400);
        assertThat(otherKey.json().path("detail").asString()).contains("tlsPrivateKeyPem", "does not match");
        assertThat(count("secret")).as("refused: nothing stored").isEqualTo(secrets);

        Response put = send("PUT", path, tlsBody(cert, key, tls.clientCertPem(), tls.clientKeyPem()));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        assertThat(put.json().path("tlsCertificate").path("subject").asString()).contains("CN=collector@org1.example.com");
        assertThat(put.json().path("tlsPrivateKey").path("set").asBoolean()).isTrue();
        assertThat(put.body()).doesNotContain("PRIVATE KEY");
        assertThat(count("secret")).isEqualTo(secrets + 2);

        JsonNode opened = json.readTree(io.chainwatch.security.SealedSecrets.open(
                (java.security.interfaces.ECPrivateKey) COLLECTOR_KEY.getPrivate(),
                io.chainwatch.events.FabricIdentitySecret.PURPOSE, sealedIdentity(latestTarget(nodeId))));
        assertThat(opened.path("tlsCertificatePem").asString().strip()).isEqualTo(tls.clientCertPem().strip());
        assertThat(opened.path("tlsPrivateKeyPem").asString().strip()).isEqualTo(tls.clientKeyPem().strip());

        // replaced without one: the TLS key's secret is forgotten too
        Response withoutTls = send("PUT", path, "{\"certificatePem\": " + json.writeValueAsString(cert)
                + ", \"privateKeyPem\": " + json.writeValueAsString(key) + "}");
        assertThat(withoutTls.status()).isEqualTo(200);
        assertThat(withoutTls.json().path("tlsCertificate").isNull()).isTrue();
        assertThat(count("secret")).isEqualTo(secrets + 1);
        assertThat(delete(path).status()).isEqualTo(204);
        assertThat(count("secret")).isEqualTo(secrets);
    }

    /** A node reached over TLS with {@code tls}'s CA and the name in its server certificate. */
    private void tlsNode(String chainId, String endpoint, io.chainwatch.testkit.fabric.TestTls tls) {
        Response node = post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"peer0\","
                + " \"rpcUrl\": \"http://127.0.0.1:9443\", \"fabric\": {\"mspId\": \"Org1MSP\","
                + " \"channels\": [\"mychannel\"], \"peerEndpoint\": \"" + endpoint + "\","
                + " \"tlsRootCertPem\": " + json.writeValueAsString(tls.caPem()) + ","
                + " \"serverNameOverride\": \"" + tls.serverName() + "\"}}");
        assertThat(node.status()).as(node.body()).isEqualTo(201);
    }

    private String tlsBody(String certificatePem, String privateKeyPem, String tlsCertificatePem, String tlsKeyPem) {
        return "{\"certificatePem\": " + json.writeValueAsString(certificatePem) + ", \"privateKeyPem\": "
                + json.writeValueAsString(privateKeyPem) + ", \"tlsCertificatePem\": "
                + json.writeValueAsString(tlsCertificatePem) + ", \"tlsPrivateKeyPem\": "
                + json.writeValueAsString(tlsKeyPem) + "}";
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private String body(String certificatePem, String privateKeyPem) {
        return "{\"certificatePem\": " + json.writeValueAsString(certificatePem) + ", \"privateKeyPem\": "
                + json.writeValueAsString(privateKeyPem) + "}";
    }

    private void putIdentity(String orgId, String mspId, String commonName) throws Exception {
        Path dir = wallet.resolve(orgId);
        TestIdentities.write(dir, mspId, commonName);
        Response put = send("PUT", "/api/v1/organizations/" + orgId + "/fabric-identities/" + mspId,
                body(Files.readString(dir.resolve(mspId).resolve("cert.pem")),
                        Files.readString(dir.resolve(mspId).resolve("key.pem"))));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
    }

    private String fabricChain(String orgId, String name) {
        Response chain = post("/api/v1/chains", "{\"orgId\": \"" + orgId + "\", \"name\": \"" + name
                + "\", \"platform\": \"FABRIC\"}");
        assertThat(chain.status()).as(chain.body()).isEqualTo(201);
        return chain.field("id");
    }

    /** The node's newest record for the targets topic, from the outbox. */
    private JsonNode latestTarget(String nodeId) {
        return json.readTree(jdbc.sql("select payload from registry.outbox where topic = 'chainwatch.targets'"
                + " and message_key = :key order by id desc limit 1").param("key", nodeId).query(String.class).single());
    }

    private static String sealedIdentity(JsonNode target) {
        JsonNode sealed = target.path("fabric").path("sealedIdentity");
        return sealed.isString() ? sealed.asString() : null;
    }

    private long targets(String nodeId) {
        return jdbc.sql("select count(*) from registry.outbox where message_key = :key").param("key", nodeId)
                .query(Long.class).single();
    }

    private String node(String chainId, String name, String mspId, String endpoint) {
        Response node = post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"" + name + "\","
                + " \"rpcUrl\": \"http://127.0.0.1:9443\", \"fabric\": {\"mspId\": \"" + mspId + "\","
                + " \"channels\": [\"mychannel\"], \"peerEndpoint\": \"" + endpoint + "\"}}");
        assertThat(node.status()).as(node.body()).isEqualTo(201);
        return node.field("id");
    }

    private Response operation(String chainId, String operation, String inputs) {
        return post("/api/v1/chains/" + chainId + "/operations/" + operation,
                inputs == null ? "{}" : "{\"inputs\": " + inputs + "}");
    }

    private static JsonNode result(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("result");
    }
}
