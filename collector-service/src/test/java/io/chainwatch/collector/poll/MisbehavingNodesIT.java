package io.chainwatch.collector.poll;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.ethereum.EthereumProbe;
import io.chainwatch.collector.poll.PollSchedulerIT.Recorder;
import io.chainwatch.collector.support.ClosingServer;
import io.chainwatch.collector.support.LocalHttpServer;
import io.chainwatch.collector.support.LocalHttpServer.Answer;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.testkit.Anvil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One test per way a node can misbehave, each against a real local server that misbehaves that way: three such
 * nodes and two healthy anvil nodes are polled together every 200 ms on a pool of four threads, and the healthy
 * nodes' polls must keep their rhythm while every bad poll ends with the right outcome within the poll timeout.
 */
class MisbehavingNodesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final long INTERVAL_MS = 200;
    private static final int BAD_NODES = 3;
    private static Anvil anvil;

    /** A way to misbehave: the server, and what the collector must make of it. */
    enum Behaviour {
        HANGS(LocalHttpServer::hanging, PollOutcome.TIMEOUT, "no answer"),
        ANSWERS_HTML(() -> LocalHttpServer.start(body -> new Answer(200, "text/html",
                "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>")),
                PollOutcome.BAD_RESPONSE, "did not answer with JSON-RPC"),
        ANSWERS_GARBAGE_JSON(() -> LocalHttpServer.start(body -> Answer.json("[{\"jsonrpc\":\"2.0\",\"id\":1,\"res\u0000ult\":}}]")),
                PollOutcome.BAD_RESPONSE, "did not answer with JSON-RPC"),
        ANSWERS_500(() -> LocalHttpServer.start(body -> new Answer(500, "text/plain", "internal server error")),
                PollOutcome.BAD_RESPONSE, "HTTP status 500"),
        CLOSES_THE_SOCKET(ClosingServer::start, PollOutcome.REFUSED, "reset or closed"),
        STREAMS_A_HUGE_BODY(() -> LocalHttpServer.streaming(1L << 30), PollOutcome.BAD_RESPONSE, "larger than");

        final Supplier<AutoCloseable> server;
        final PollOutcome outcome;
        final String message;

        Behaviour(Supplier<AutoCloseable> server, PollOutcome outcome, String message) {
            this.server = server;
            this.outcome = outcome;
            this.message = message;
        }
    }

    private final CollectorProperties properties = CollectorProperties.of(TIMEOUT, 4).withWebsocketHeads(false);
    private final EthereumProbe ethereum = new EthereumProbe(properties);
    private final Recorder recorder = new Recorder();
    private final PollScheduler scheduler = new PollScheduler(List.of(ethereum), List.of(recorder), properties);
    private final List<AutoCloseable> servers = new ArrayList<>();

    @BeforeAll
    static void startAnvil() {
        anvil = Anvil.start(1, null);
    }

    @AfterAll
    static void stopAnvil() {
        anvil.close();
    }

    @AfterEach
    void stop() throws Exception {
        scheduler.destroy();
        ethereum.destroy();
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    private static NodeTarget target(String name, String url) {
        return new NodeTarget(id(name), "name-" + name, id("org-1"), "acme", id("chain-1"), "dev", "ETHEREUM", url,
                INTERVAL_MS, 1, null, null, null);
    }

    @ParameterizedTest
    @EnumSource(Behaviour.class)
    void aMisbehavingNodeDoesNotDelayTheOthers(Behaviour behaviour) throws Exception {
        for (int i = 0; i < BAD_NODES; i++) {
            AutoCloseable server = behaviour.server.get();
            servers.add(server);
            String url = (String) server.getClass().getMethod("url").invoke(server);
            scheduler.activate(target("bad-" + i, url));
        }
        scheduler.activate(target("healthy-1", anvil.rpcUrl()));
        scheduler.activate(target("healthy-2", anvil.rpcUrl()));

        await().atMost(Duration.ofSeconds(15)).until(() -> recorder.of("healthy-1").size() >= 15
                && recorder.of("healthy-2").size() >= 15 && recorder.of("bad-0").size() >= 2);

        for (String healthy : List.of("healthy-1", "healthy-2")) {
            List<Recorder.Received> samples = recorder.of(healthy);
            assertThat(samples).allSatisfy(r -> assertThat(r.sample().outcome()).isEqualTo(PollOutcome.OK));
            for (int i = 1; i < samples.size(); i++) {
                assertThat(samples.get(i).sample().polledAtMs() - samples.get(i - 1).sample().polledAtMs())
                        .as("%s: gap between polls %d and %d next to nodes that %s", healthy, i - 1, i, behaviour)
                        .isLessThan(INTERVAL_MS + 250);
                assertThat(samples.get(i).atMs() - samples.get(i).sample().polledAtMs())
                        .as("%s: poll %d took", healthy, i).isLessThan(250);
            }
        }
        for (int i = 0; i < BAD_NODES; i++) {
            assertThat(recorder.of("bad-" + i)).allSatisfy(r -> {
                assertThat(r.sample().outcome()).isEqualTo(behaviour.outcome);
                assertThat(r.sample().error()).contains(behaviour.message);
                assertThat(r.sample().readings()).isEmpty();
                // every bad poll ended within the poll timeout (plus scheduling slack)
                assertThat(r.atMs() - r.sample().polledAtMs()).isLessThan(TIMEOUT.toMillis() + 500);
            });
        }
    }
}
