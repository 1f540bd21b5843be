package io.chainwatch.collector.poll;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.ethereum.EthereumProbe;
import io.chainwatch.collector.support.LocalHttpServer;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.testkit.Anvil;
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The schedule with the real Ethereum probe: a node that hangs does not delay a healthy one. */
class PollSchedulerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** Keeps every sample and removal, with the time it arrived. */
    static final class Recorder implements SampleListener {
        record Received(long atMs, NodeSample sample) {
        }

        final List<Received> samples = new CopyOnWriteArrayList<>();
        final List<UUID> removed = new CopyOnWriteArrayList<>();

        @Override
        public void onSample(NodeTarget target, NodeSample sample) {
            samples.add(new Received(System.currentTimeMillis(), sample));
        }

        @Override
        public void onNodeRemoved(NodeTarget target) {
            removed.add(target.nodeId());
        }

        /** The samples of node {@code id(name)}. */
        List<Received> of(String name) {
            UUID nodeId = id(name);
            return samples.stream().filter(r -> r.sample().nodeId().equals(nodeId)).toList();
        }
    }

    private final CollectorProperties properties = CollectorProperties.of(TIMEOUT, 4);
    private final EthereumProbe ethereum = new EthereumProbe(properties);
    private final Recorder recorder = new Recorder();
    private final PollScheduler scheduler = new PollScheduler(List.of(ethereum), List.of(recorder), properties);

    @AfterEach
    void stop() {
        scheduler.destroy();
        ethereum.destroy();
    }

    /**
     * A node polled every 200 ms that fails backs off 200, 400, 800, 1,600, 3,200, 6,400 ms apart (with a back-off
     * maximum of 10 s): waits until a pause of more than 3 s has just begun.
     */
    private void awaitBackOffOver3s(String name) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            List<Recorder.Received> failed = recorder.of(name);
            int n = failed.size();
            return n >= 2 && failed.get(n - 1).sample().polledAtMs() - failed.get(n - 2).sample().polledAtMs() > 3000;
        });
    }

    /**
     * A node that answers nothing but JSON-RPC errors (a corrupt database) backs off; repaired, it is seen within
     * about its interval, not when the back-off runs out.
     */
    @Test
    void aRepairedNodeThatAnsweredOnlyErrorsIsPolledWithoutWaitingForItsBackOff() throws Exception {
        PollScheduler backingOff = new PollScheduler(List.of(ethereum), List.of(recorder),
                properties.withBackoffMax(Duration.ofSeconds(10)));
        AtomicBoolean repaired = new AtomicBoolean();
        HttpClient http = HttpClient.newHttpClient();
        try (Anvil anvil = Anvil.start(0, null);
             LocalHttpServer node = LocalHttpServer.start(body -> repaired.get()
                     ? LocalHttpServer.Answer.json(forward(http, anvil.rpcUrl(), body))
                     : LocalHttpServer.Answer.json(errors(body)))) {
            backingOff.activate(target("corrupt", node.url(), 200));
            awaitBackOffOver3s("corrupt");
            assertThat(recorder.of("corrupt")).allSatisfy(r -> assertThat(r.sample().outcome()).isEqualTo(PollOutcome.ERRORING));

            long repairedAt = System.currentTimeMillis();
            repaired.set(true);
            Recorder.Received back = await().atMost(Duration.ofSeconds(10)).until(() -> recorder.of("corrupt").stream()
                    .filter(r -> r.sample().up()).findFirst().orElse(null), Objects::nonNull);
            assertThat(back.atMs() - repairedAt).as("ms from the repair to an OK sample (back-off: 6,400 ms)")
                    .isLessThan(1500);
            assertThat(backingOff.stats().newsPolls()).isEqualTo(1);
        } finally {
            backingOff.destroy();
        }
    }

    /** A JSON-RPC error answer ("database corrupted") to each request of a batch, or to a single request. */
    private static String errors(String body) {
        Matcher ids = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(body);
        List<String> answers = new ArrayList<>();
        while (ids.find()) {
            answers.add("{\"jsonrpc\":\"2.0\",\"id\":" + ids.group(1)
                    + ",\"error\":{\"code\":-32000,\"message\":\"database corrupted\"}}");
        }
        return body.trim().startsWith("[") ? "[" + String.join(",", answers) + "]" : answers.get(0);
    }

    private static String forward(HttpClient http, String url, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Lets the chain of node {@code name} (polled every 3 s) stay silent for more than twice the poll interval, waits
     * for a regular poll after it, then mines a block; returns when it was mined (epoch ms).
     */
    private long mineAfterASilence(String name, Anvil anvil) throws InterruptedException {
        Thread.sleep(6_500); // the silence itself: time passing is what is tested, there is no condition to wait for
        int before = recorder.of(name).size();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.of(name).size() > before); // a regular poll
        long minedAt = System.currentTimeMillis();
        anvil.mine(1);
        return minedAt;
    }

    /** The first sample of node {@code name} showing block {@code height}, waited for up to 10 s. */
    private Recorder.Received firstAtHeight(String name, long height) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> recorder.of(name).stream()
                .filter(r -> r.sample().reading(io.chainwatch.events.Readings.BLOCK_HEIGHT) != null
                        && r.sample().reading(io.chainwatch.events.Readings.BLOCK_HEIGHT) == height)
                .findFirst().orElse(null), Objects::nonNull);
    }

    private static NodeTarget target(String name, String url, long intervalMs) {
        return new NodeTarget(id(name), "name-" + name, id("org-1"), "acme", id("chain-1"), "dev", "ETHEREUM", url,
                intervalMs, 1, null, null, null);
    }

    @Test
    void aHangingNodeTimesOutWhileAHealthyNodeIsPolledOnTime() {
        try (Anvil anvil = Anvil.start(1, null); LocalHttpServer hanging = LocalHttpServer.hanging()) {
            long started = System.currentTimeMillis();
            scheduler.activate(target("hanging", hanging.url(), 200));
            scheduler.activate(target("healthy", anvil.rpcUrl(), 200));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> recorder.of("hanging").size() >= 2 && recorder.of("healthy").size() >= 15);
            long elapsed = System.currentTimeMillis() - started;

            List<Recorder.Received> healthy = recorder.of("healthy");
            assertThat(healthy).allSatisfy(r -> assertThat(r.sample().outcome()).isEqualTo(PollOutcome.OK));
            // polled every 200 ms, never held up by the hanging node's 1 s polls
            for (int i = 1; i < healthy.size(); i++) {
                long gap = healthy.get(i).atMs() - healthy.get(i - 1).atMs();
                assertThat(gap).as("gap between healthy polls %d and %d", i - 1, i).isLessThan(600);
            }

            List<Recorder.Received> hanging1 = recorder.of("hanging");
            assertThat(hanging1).allSatisfy(r -> {
                assertThat(r.sample().outcome()).isEqualTo(PollOutcome.TIMEOUT);
                assertThat(r.sample().error()).contains("no answer");
                // each poll ended within the timeout (plus scheduling slack) of its start
                assertThat(r.atMs() - r.sample().polledAtMs()).isBetween(TIMEOUT.toMillis() - 50, TIMEOUT.toMillis() + 700);
            });
            // ticks of a node whose poll is still running are skipped, not queued: about one poll per timeout
            assertThat(hanging1.size()).isLessThanOrEqualTo((int) (elapsed / TIMEOUT.toMillis()) + 1);
        }
    }

    @Test
    void aFailingNodeBacksOffAndComesBackAtFullRateWhenItAnswersAgain() {
        PollScheduler backingOff = new PollScheduler(List.of(ethereum), List.of(recorder),
                properties.withBackoffMax(Duration.ofMillis(800)));
        int port = FreePorts.next();
        try {
            backingOff.activate(target("down", "http://127.0.0.1:" + port, 100));
            await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> true);

            List<Recorder.Received> refused = recorder.of("down");
            assertThat(refused).allSatisfy(r -> assertThat(r.sample().outcome()).isEqualTo(PollOutcome.REFUSED));
            // without backoff 40 polls; with it 100, 200, 400, 800, 800, ... ms apart
            assertThat(refused.size()).isBetween(5, 12);
            long lastGap = refused.get(refused.size() - 1).sample().polledAtMs()
                    - refused.get(refused.size() - 2).sample().polledAtMs();
            assertThat(lastGap).isBetween(750L, 1000L);
            assertThat(backingOff.stats().skippedBackoff()).isGreaterThan(20);

            try (Anvil anvil = Anvil.start(port, 0, null)) {
                await().atMost(Duration.ofSeconds(3)).until(() -> recorder.of("down").stream().anyMatch(r -> r.sample().up()));
                int firstOk = recorder.of("down").size();
                await().atMost(Duration.ofSeconds(3)).until(() -> recorder.of("down").size() >= firstOk + 5);
                List<Recorder.Received> after = recorder.of("down").subList(firstOk - 1, firstOk + 5);
                for (int i = 1; i < after.size(); i++) {
                    assertThat(after.get(i).sample().outcome()).isEqualTo(PollOutcome.OK);
                    assertThat(after.get(i).sample().polledAtMs() - after.get(i - 1).sample().polledAtMs()).isLessThan(300);
                }
            }
        } finally {
            backingOff.destroy();
        }
    }

    /**
     * A node that was killed backs off, up to {@code backoff-max} between polls; restarted, it is seen within about its
     * interval (its connection is tried at each tick, without a poll thread), not when the back-off runs out.
     */
    @Test
    void aRestartedNodeIsPolledWithoutWaitingForItsBackOff() {
        PollScheduler backingOff = new PollScheduler(List.of(ethereum), List.of(recorder),
                properties.withBackoffMax(Duration.ofSeconds(10)));
        int port = FreePorts.next();
        try {
            backingOff.activate(target("killed", "http://127.0.0.1:" + port, 200));
            awaitBackOffOver3s("killed");
            int before = recorder.of("killed").size();

            try (Anvil anvil = Anvil.start(port, 0, null)) {
                long startedAt = System.currentTimeMillis();
                Recorder.Received back = await().atMost(Duration.ofSeconds(10)).until(() -> recorder.of("killed").stream()
                        .filter(r -> r.sample().up()).findFirst().orElse(null), Objects::nonNull);
                assertThat(back.atMs() - startedAt).as("ms from the restart to an OK sample (back-off: 6,400 ms)")
                        .isLessThan(1500);
                assertThat(recorder.of("killed").subList(before, recorder.of("killed").size()))
                        .as("no refused poll in between").allSatisfy(r -> assertThat(r.sample().up()).isTrue());
                assertThat(backingOff.stats().newsPolls()).isEqualTo(1);
            }
        } finally {
            backingOff.destroy();
        }
    }

    @Test
    void aDeactivatedNodeIsNoLongerPolled() throws InterruptedException {
        try (Anvil anvil = Anvil.start(0, null)) {
            scheduler.activate(target("n1", anvil.rpcUrl(), 100));
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.of("n1").size() >= 3);

            scheduler.deactivate(id("n1"));
            int afterStop = recorder.of("n1").size();
            // six intervals pass without a poll
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                    .until(() -> recorder.of("n1").size() == afterStop);
            assertThat(recorder.removed).containsExactly(id("n1"));
            assertThat(scheduler.activeNodeIds()).isEmpty();
        }
    }

    @Test
    void aNodeOfAnUnknownPlatformIsReportedUnsupported() {
        NodeTarget fabric = new NodeTarget(id("f1"), "peer0", id("org-1"), "acme", id("chain-2"), "fab", "FABRIC",
                "grpcs://peer0:7051", 200, 1, null, null, null);
        scheduler.activate(fabric);

        await().atMost(Duration.ofSeconds(5)).until(() -> !recorder.of("f1").isEmpty());
        NodeSample sample = recorder.of("f1").get(0).sample();
        assertThat(sample.outcome()).isEqualTo(PollOutcome.UNSUPPORTED);
        assertThat(sample.error()).contains("FABRIC");
    }

    /**
     * A node whose chain stalled and goes on is polled as soon as the new head arrives over WebSocket, not at its next
     * poll: its stall alert resolves at once. Polled every 3 s, the sample with the new head comes within 1 s.
     */
    @Test
    void aHeadEndingASilenceIsPolledAtOnce() throws Exception {
        CollectorProperties withHeads = properties.withWebsocketHeads(true);
        EthereumProbe probe = new EthereumProbe(withHeads);
        PollScheduler heads = new PollScheduler(List.of(probe), List.of(recorder), withHeads);
        try (Anvil anvil = Anvil.start(0, null)) {
            heads.activate(target("ws", anvil.rpcUrl(), 3000));
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.of("ws").size() >= 2
                    && "websocket".equals(recorder.of("ws").get(recorder.of("ws").size() - 1).sample().info()
                    .get(io.chainwatch.events.Readings.HEAD_SOURCE)));
            anvil.mine(1); // the first head over the subscription
            long height = anvil.blockNumber();
            long minedAt = mineAfterASilence("ws", anvil);

            Recorder.Received fresh = firstAtHeight("ws", height + 1);
            assertThat(fresh.atMs() - minedAt).as("ms from the new block to its sample (next poll ~3,000 ms later)")
                    .isLessThan(1000);
            assertThat(heads.stats().newsPolls()).isEqualTo(1);
        } finally {
            heads.destroy();
            probe.destroy();
        }
    }

    /**
     * The same over HTTP only (no WebSocket): the silent node's block number is checked every quarter of its poll
     * interval, and the new block has it polled at once. Polled every 3 s, the sample with the new head comes within
     * 1.2 s (checks every 750 ms).
     */
    @Test
    void overHttpOnlyANodeEndingASilenceIsPolledAtOnce() throws Exception {
        CollectorProperties httpOnly = properties.withWebsocketHeads(false);
        EthereumProbe probe = new EthereumProbe(httpOnly);
        PollScheduler scheduler = new PollScheduler(List.of(probe), List.of(recorder), httpOnly);
        try (Anvil anvil = Anvil.start(0, null)) {
            scheduler.activate(target("http", anvil.rpcUrl(), 3000));
            await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.of("http").isEmpty());
            long height = anvil.blockNumber();
            long minedAt = mineAfterASilence("http", anvil);

            Recorder.Received fresh = firstAtHeight("http", height + 1);
            assertThat(fresh.atMs() - minedAt).as("ms from the new block to its sample (next poll up to 3,000 ms later)")
                    .isLessThan(1200);
            assertThat(scheduler.stats().newsPolls()).isEqualTo(1);
            assertThat(fresh.sample().info()).containsEntry(io.chainwatch.events.Readings.HEAD_SOURCE, "polling");
        } finally {
            scheduler.destroy();
            probe.destroy();
        }
    }
}
