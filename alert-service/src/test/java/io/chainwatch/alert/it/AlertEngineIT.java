package io.chainwatch.alert.it;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.Http;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.PollRequest;
import io.chainwatch.events.Readings;
import io.chainwatch.events.Topics;
import io.chainwatch.testkit.Anvil;
import io.chainwatch.testkit.FreePorts;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert engine end to end against real anvil nodes (from npm, launched by the testkit), with the embedded Kafka
 * broker and PostgreSQL and GreenMail for SMTP. The test plays the collector: it reads each anvil's head over
 * JSON-RPC and publishes samples as the collector does, and it answers the engine's poll requests
 * ({@code chainwatch.poll-requests}) with an immediate read. The evaluation tick is set to 10 minutes, so every fire
 * and resolve here comes from a sample's arrival or a deadline timer, not from the tick.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class AlertEngineIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static GreenMail mail;
    private static AlertApp app;

    @BeforeAll
    static void start() {
        int smtp = FreePorts.next();
        mail = ITSupport.greenMail(smtp);
        mail.start();
        app = new AlertApp(SharedServers.newDatabase("alert"), smtp).with("chainwatch.alert.evaluation-tick", "10m").start();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void nodesOnDifferentForksOfOneChainRaiseAConsistencyAlertNamingTheNodeAndHeight() throws Exception {
        String ops = "ops-fork@acme.example";
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        try (Anvil one = Anvil.start(0, null); Anvil two = Anvil.start(0, null); Feeds feeds = new Feeds()) {
            // the same height on both, made at different times: different blocks, different hashes
            one.call("evm_setNextBlockTimestamp", "[2000000000]");
            one.mine(1);
            two.call("evm_setNextBlockTimestamp", "[2000000007]");
            two.mine(1);
            NodeTarget a = ITSupport.target("geth-a", orgId, "forked", chainId);
            NodeTarget b = ITSupport.target("geth-b", orgId, "forked", chainId);
            NodeTarget c = ITSupport.target("geth-c", orgId, "forked", chainId);
            feeds.target(a);
            feeds.target(b);
            feeds.target(c);
            AtomicReference<Anvil> cPointsAt = new AtomicReference<>(two);
            feeds.every(Duration.ofMillis(300), () -> read(a, one));
            feeds.every(Duration.ofMillis(300), () -> read(b, one));
            feeds.every(Duration.ofMillis(300), () -> read(c, cPointsAt.get()));
            ITSupport.createRule(app, "consistency", orgId, chainId, 1, List.of(ops));

            List<Mail.Received> got = Mail.await(mail, ops,
                    m -> m.subject().equals("[FIRING] Nodes disagree: forked"), 1, Duration.ofSeconds(30));
            String hashOne = hash(one);
            String hashTwo = hash(two);
            assertThat(hashOne).isNotEqualTo(hashTwo);
            assertThat(got.get(0).body()).contains("report different block hashes at height 1",
                    "geth-c (" + hashTwo.substring(0, 18), "diverge from geth-a, geth-b (" + hashOne.substring(0, 18));
            assertThat(Http.get(app.url("/api/v1/alerts?orgId=" + orgId + "&status=FIRING")).body())
                    .contains("\"type\":\"consistency\"");

            cPointsAt.set(one); // the operator points geth-c at the right network
            Mail.await(mail, ops, m -> m.subject().equals("[RESOLVED] Nodes disagree: forked"), 1,
                    Duration.ofSeconds(30));
        }
    }

    @Test
    void aStallFiresAtItsDeadlineConfirmedByAnImmediatePollAndResolvesOnTheNextBlock() throws Exception {
        String ops = "ops-deadline@acme.example";
        UUID orgId = UUID.randomUUID();
        UUID chainId = UUID.randomUUID();
        List<PollRequest> asked = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        try (Anvil anvil = Anvil.start(1, null); Feeds feeds = new Feeds()) {
            NodeTarget node = new NodeTarget(UUID.randomUUID(), "anvil-d", orgId, "acme", chainId,
                    "deadline-chain", "ETHEREUM", anvil.rpcUrl(), 1000, 1, null, null, null);
            feeds.target(node);
            feeds.every(Duration.ofMillis(1000), () -> read(node, anvil)); // the regular 1 s poll
            Thread collector = answerPollRequests(chainId, node, anvil, feeds, asked, running);
            ITSupport.createRule(app, "chain_stalled", orgId, chainId, 3, List.of(ops));
            Mail.noMoreFor(mail, ops, Duration.ofMillis(2500));
            assertThat(Mail.to(mail, ops)).as("a 1 s chain does not stall").isEmpty();

            anvil.stopMining();
            List<Mail.Received> fired = Mail.await(mail, ops,
                    m -> m.subject().equals("[FIRING] Chain stalled: deadline-chain"), 1, Duration.ofSeconds(20));
            assertThat(asked).as("the deadline was confirmed by an immediate poll").isNotEmpty()
                    .allSatisfy(r -> assertThat(r.reason()).contains("chain_stalled"));
            assertThat(fired.get(0).body()).contains("Best height of the chain: " + anvil.blockNumber());

            anvil.resumeMining(1);
            Mail.await(mail, ops, m -> m.subject().equals("[RESOLVED] Chain stalled: deadline-chain"), 1,
                    Duration.ofSeconds(20));
            running.set(false);
            collector.join(5000);
        }
    }

    @Test
    void aNodeAnsweringWithJsonRpcErrorsIsErroringAndASilentNodeFiresByItsTimer() {
        String ops = "ops-erroring@acme.example";
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        try (Feeds feeds = new Feeds()) {
            NodeTarget broken = ITSupport.target("provider-x", orgId, "err-chain", chainId);
            NodeTarget silent = ITSupport.target("silent-y", orgId, "err-chain", chainId);
            feeds.target(broken);
            feeds.target(silent);
            feeds.every(Duration.ofMillis(250), () -> Feeds.failed(broken, PollOutcome.ERRORING,
                    "JSON-RPC error -32000: header not found (eth_blockNumber)"));
            for (String node : List.of("provider-x", "silent-y")) { // one rule each: one message each
                assertThat(Http.post(app.url("/api/v1/rules"), """
                        {"type": "node_unreachable", "orgId": "%s", "chainId": "%s", "forSeconds": 2,
                         "emailTo": ["%s"], "options": {"match": [{"label": "node", "op": "=", "value": "%s"}]}}"""
                        .formatted(orgId, chainId, ops, node)).statusCode()).isEqualTo(201);
            }
            List<Mail.Received> got = Mail.await(mail, ops,
                    m -> m.subject().equals("[FIRING] Node erroring: provider-x (err-chain)"), 1,
                    Duration.ofSeconds(30));
            assertThat(got.stream().filter(m -> m.subject().contains("provider-x")).findFirst().orElseThrow().body())
                    .contains("is erroring", "-32000", "header not found", "ERRORING")
                    .doesNotContain("is unreachable");
            // no sample ever arrives for silent-y and the tick is 10 minutes: only the deadline timer can fire it
            Mail.await(mail, ops, m -> m.subject().equals("[FIRING] Node unreachable: silent-y (err-chain)"), 1,
                    Duration.ofSeconds(30));
        }
    }

    @Test
    void pendingTransactionsModeOnAChainWithoutAPendingSourceIsSaidPlainly() {
        UUID orgId = UUID.randomUUID();
        UUID chainId = UUID.randomUUID();
        try (Feeds feeds = new Feeds()) {
            NodeTarget hardhat = ITSupport.target("hardhat-1", orgId, "no-pool", chainId);
            feeds.target(hardhat);
            feeds.sample(new NodeSample(hardhat.nodeId(), chainId, orgId, System.currentTimeMillis(), PollOutcome.OK,
                    null, Map.of(Readings.BLOCK_HEIGHT, 5.0), Map.of(), List.of(Readings.TXPOOL_PENDING), null));
            String rule = """
                    {"type": "chain_stalled", "orgId": "%s", "chainId": "%s", "forSeconds": 30,
                     "mode": "pending_transactions", "emailTo": ["ops@acme.example"]}""".formatted(orgId, chainId);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode valid = JSON.readTree(Http.post(app.url("/api/v1/rules/validate"), rule).body());
                assertThat(valid.get("valid").asBoolean()).isTrue();
                assertThat(valid.get("warnings").toString()).contains("none of the nodes", "can never fire");
            });
            JsonNode dry = JSON.readTree(Http.post(app.url("/api/v1/rules/dry-run?minutes=5"), rule).body());
            assertThat(dry.get("notes").toString()).contains("can never fire");
        }
    }

    /**
     * A Fabric peer on two channels, as the collector reports it each poll: the peer's own sample (operations readings,
     * channel null) and one sample per channel. The peer's own readings reach rules, each channel is judged on its
     * own and named, and {@code pending_transactions} means submitted-but-not-committed per channel.
     */
    @Test
    void aFabricPeersOwnReadingsAndEachChannelAreJudgedApart() {
        String ops = "ops-fabric@acme.example";
        UUID orgId = UUID.randomUUID();
        UUID chainId = UUID.randomUUID();
        try (Feeds feeds = new Feeds()) {
            NodeTarget peer = new NodeTarget(UUID.randomUUID(), "peer0", orgId, "acme", chainId, "fabnet",
                    "FABRIC", null, 250, 1, null, null, null);
            feeds.target(peer);
            java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
            feeds.every(Duration.ofMillis(250), () -> {
                long now = System.currentTimeMillis();
                feeds.sample(new NodeSample(peer.nodeId(), chainId, orgId, now, PollOutcome.OK, null,
                        Map.of(Readings.HEALTH_OK, 1.0, Readings.METRICS_SCRAPE_OK, 1.0,
                                "metric.endorser_proposals_received", (double) n.incrementAndGet()),
                        Map.of(), List.of(), null));
                feeds.sample(new NodeSample(peer.nodeId(), chainId, orgId, now, PollOutcome.OK, null,
                        Map.of(Readings.BLOCK_HEIGHT, 182.0, Readings.FABRIC_BLOCKS, 0.0, "fabric.tx.submitted", 3.0),
                        Map.of(), List.of(), "busy"));
                return new NodeSample(peer.nodeId(), chainId, orgId, now, PollOutcome.OK, null,
                        Map.of(Readings.BLOCK_HEIGHT, 7.0, Readings.FABRIC_BLOCKS, 0.0, "fabric.tx.submitted", 0.0),
                        Map.of(), List.of(), "other");
            });
            assertThat(Http.post(app.url("/api/v1/rules"), """
                    {"type": "threshold", "orgId": "%s", "chainId": "%s", "forSeconds": 1, "emailTo": ["%s"],
                     "reading": "metric.endorser_proposals_received", "operator": ">=", "value": 0}"""
                    .formatted(orgId, chainId, ops)).statusCode()).isEqualTo(201);
            assertThat(Http.post(app.url("/api/v1/rules"), """
                    {"type": "chain_stalled", "orgId": "%s", "chainId": "%s", "forSeconds": 2, "emailTo": ["%s"],
                     "mode": "pending_transactions"}""".formatted(orgId, chainId, ops)).statusCode()).isEqualTo(201);
            List<Mail.Received> got = Mail.await(mail, ops,
                    m -> m.subject().equals("[FIRING] Threshold: peer0 (fabnet)"), 1, Duration.ofSeconds(30));
            assertThat(got.stream().filter(m -> m.subject().startsWith("[FIRING] Threshold")).findFirst()
                    .orElseThrow().body()).contains("metric.endorser_proposals_received =");
            got = Mail.await(mail, ops, m -> m.subject().equals("[FIRING] Chain stalled: fabnet / busy"), 1,
                    Duration.ofSeconds(30));
            assertThat(got.stream().filter(m -> m.subject().equals("[FIRING] Chain stalled: fabnet / busy"))
                    .findFirst().orElseThrow().body()).contains("Channel: busy", "Chain fabnet / busy stalled: best height 182");
            Mail.noMoreFor(mail, ops, Duration.ofMillis(1000));
            assertThat(Mail.to(mail, ops)).extracting(Mail.Received::subject)
                    .as("the idle channel does not page").noneMatch(subject -> subject.contains("other"));

            JsonNode dry = JSON.readTree(Http.post(app.url("/api/v1/rules/dry-run?minutes=5"), """
                    {"type": "threshold", "orgId": "%s", "chainId": "%s", "forSeconds": 1,
                     "reading": "block.height", "operator": "<", "value": 100}""".formatted(orgId, chainId)).body());
            assertThat(dry.get("wouldHaveFired").asBoolean()).isTrue();
            assertThat(dry.get("transitions").toString()).contains("Node peer0 channel other: block.height = 7 < 100")
                    .doesNotContain("channel busy");
        }
    }

    /** One poll of {@code anvil} as the collector reports it: height, head hash and the head's own timestamp. */
    private static NodeSample read(NodeTarget node, Anvil anvil) {
        long polled = System.currentTimeMillis();
        JsonNode head = JSON.readTree(anvil.call("eth_getBlockByNumber", "[\"latest\", false]")).get("result");
        Map<String, Double> readings = new HashMap<>();
        readings.put(Readings.BLOCK_HEIGHT, (double) Long.decode(head.get("number").asText()));
        long ts = Long.decode(head.get("timestamp").asText());
        readings.put(Readings.HEAD_TIMESTAMP_SECONDS, (double) ts);
        readings.put(Readings.HEAD_AGE_SECONDS, Math.max(0, polled / 1000.0 - ts));
        return new NodeSample(node.nodeId(), node.chainId(), node.orgId(), polled, PollOutcome.OK, null, readings,
                Map.of(Readings.HEAD_HASH, head.get("hash").asText(), Readings.HEAD_SOURCE, "polling"), List.of(), null);
    }

    private static String hash(Anvil anvil) {
        return JSON.readTree(anvil.call("eth_getBlockByNumber", "[\"latest\", false]")).get("result").get("hash")
                .asText();
    }

    /** The collector's side of poll requests: polls the node at once and publishes the sample. */
    private static Thread answerPollRequests(UUID chainId, NodeTarget node, Anvil anvil, Feeds feeds,
                                             List<PollRequest> asked, AtomicBoolean running) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-collector-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Boolean> seen = new ConcurrentHashMap<>();
        Thread t = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of(Topics.POLL_REQUESTS));
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        if (chainId.toString().equals(r.key())) { // the key is the id's text
                            asked.add(JSON.readValue(r.value(), PollRequest.class));
                            feeds.sample(read(node, anvil));
                            seen.put(r.value(), true);
                        }
                    }
                }
            }
        }, "test-collector");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
