package io.chainwatch.benchmarks.collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.ethereum.EthereumProbe;
import io.chainwatch.collector.ethereum.RawBatchProbe;
import io.chainwatch.collector.poll.ChainProbe;
import io.chainwatch.collector.poll.PollScheduler;
import io.chainwatch.collector.publish.NodeMetrics;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.testkit.Anvil;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static io.chainwatch.testkit.Ids.id;

/**
 * {@code collector-polls-per-core}: polls per second per collector CPU core at saturation. The collector's poll path
 * (schedule, Ethereum probe with its batched JSON-RPC request, head tracking, per-node gauges) polls thousands of
 * emulated nodes ({@link EmulatedNodes}, in this JVM) every 100 ms, more than it can; completed polls are divided by
 * the CPU seconds the collector used: this process's CPU time (GC and JIT included) minus that of the responder's
 * threads. Publishing to Kafka is not part of it. WebSocket heads are off (the emulated nodes offer none). Today's
 * poll path (web3j typed requests and batches, {@link EthereumProbe}) and the previous one (the batch written as text
 * and posted with OkHttp directly, {@link RawBatchProbe}) are measured alternately in the same run, a warm-up round and two counted
 * rounds; the rows are the means of the counted rounds ({@code collector-polls-per-core}, {@code collector-polls-per-core-raw-batch}).
 *
 * <p>{@code collector-polls-per-core-anvil}: the same against real anvil processes (each polled as several nodes
 * so that they are enough to saturate); the collector's CPU is this whole process (the anvils are other processes).
 *
 * <p>Run: {@code benchmarks/run.sh collector.PollsPerCoreBenchmark [nodes] [seconds] [pollThreads] [anvils]}.
 */
public final class PollsPerCoreBenchmark {

    private static final String COMMAND = "benchmarks/run.sh collector.PollsPerCoreBenchmark";

    private PollsPerCoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int pollThreads = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int anvils = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        List<String> rows = new ArrayList<>();

        try (EmulatedNodes responder = new EmulatedNodes(4)) {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                urls.add(responder.url(i));
            }
            // today's path (web3j) and the previous one (raw batch), alternating, in this one run: a first round to
            // warm both up (JIT), not counted, then two counted rounds
            double[] web3j = new double[3];
            double[] raw = new double[3];
            for (int round = 0; round < 3; round++) {
                for (boolean useWeb3j : new boolean[] {true, false}) {
                    Result emulated = run(urls, seconds, pollThreads, true, useWeb3j);
                    System.out.printf("emulated, %s path: %d nodes, %.0f polls/s, collector CPU %.2f cores -> %.0f polls/s"
                                    + " per core; %s%n", useWeb3j ? "web3j" : "raw batch", nodes, emulated.pollsPerSecond,
                            emulated.cores, emulated.perCore(), emulated.outcomes);
                    (useWeb3j ? web3j : raw)[round] = emulated.perCore();
                }
            }
            System.out.printf("web3j path: %.0f (warm-up), %.0f, %.0f; raw batch path: %.0f (warm-up), %.0f, %.0f polls/s"
                    + " per core%n", web3j[0], web3j[1], web3j[2], raw[0], raw[1], raw[2]);
            rows.add(Rows.row("collector-polls-per-core", (web3j[1] + web3j[2]) / 2, "polls/s/core", COMMAND));
            rows.add(Rows.row("collector-polls-per-core-raw-batch", (raw[1] + raw[2]) / 2, "polls/s/core", COMMAND));
        }

        if (anvils > 0) {
            List<Anvil> started = new ArrayList<>();
            try {
                for (int i = 0; i < anvils; i++) {
                    started.add(Anvil.start(1, null));
                }
                List<String> urls = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    urls.add(started.get(i % anvils).rpcUrl());
                }
                Result real = run(urls, seconds, pollThreads, false, true);
                System.out.printf("anvil: %d anvils as %d nodes, %.0f polls/s, collector CPU %.2f cores -> %.0f polls/s per core; %s%n",
                        anvils, urls.size(), real.pollsPerSecond, real.cores, real.perCore(), real.outcomes);
                rows.add(Rows.row("collector-polls-per-core-anvil", real.perCore(), "polls/s/core", COMMAND));
            } finally {
                started.forEach(Anvil::close);
            }
        }
        System.out.println();
        rows.forEach(System.out::println);
    }

    private record Result(double pollsPerSecond, double cores, String outcomes) {
        double perCore() {
            return pollsPerSecond / cores;
        }
    }

    private static Result run(List<String> urls, int seconds, int pollThreads, boolean subtractResponder,
                              boolean web3j) throws InterruptedException {
        CollectorProperties properties = CollectorProperties.of(Duration.ofSeconds(2), pollThreads).withWebsocketHeads(false);
        EthereumProbe web3jProbe = web3j ? new EthereumProbe(properties) : null;
        RawBatchProbe rawProbe = web3j ? null : new RawBatchProbe(properties);
        ChainProbe probe = web3j ? web3jProbe : rawProbe;
        CountingListener counter = new CountingListener();
        PollScheduler scheduler = new PollScheduler(List.of(probe),
                List.of(counter, new NodeMetrics(new SimpleMeterRegistry())), properties);
        try {
            for (int i = 0; i < urls.size(); i++) {
                scheduler.activate(new NodeTarget(id("node-" + i), "node-" + i, id("org-1"), "bench", id("chain-1"),
                        "bench", "ETHEREUM", urls.get(i), 100, 1, null, null, null));
            }
            Thread.sleep(10_000); // warm-up: JIT, connections
            long ok0 = counter.count(PollOutcome.OK);
            double cpu0 = Rows.processCpuSeconds();
            double responder0 = subtractResponder ? Rows.threadCpuSeconds("responder-") : 0;
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long ok1 = counter.count(PollOutcome.OK);
            double cpu1 = Rows.processCpuSeconds();
            double responder1 = subtractResponder ? Rows.threadCpuSeconds("responder-") : 0;
            double wall = (System.nanoTime() - t0) / 1e9;
            double collectorCpu = (cpu1 - cpu0) - (responder1 - responder0);
            return new Result((ok1 - ok0) / wall, collectorCpu / wall, counter.toString());
        } finally {
            scheduler.destroy();
            if (web3jProbe != null) {
                web3jProbe.destroy();
            } else {
                rawProbe.destroy();
            }
        }
    }
}
