package io.chainwatch.benchmarks.stalled;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

import io.chainwatch.benchmarks.Figures;
import io.chainwatch.events.SampleCodec;
import io.chainwatch.events.Topics;
import io.chainwatch.local.ApiClient;
import io.chainwatch.local.LocalStack;
import io.chainwatch.local.MailCatcher;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * "Chain stalled for 10 s": ChainWatch against Prometheus + Alertmanager on one anvil (block time 1 s).
 *
 * <p>ChainWatch runs as the local stack runs it (the real services as child processes, default settings; the node
 * registered with the default poll interval of the local stack, 1 s; one {@code chain_stalled} rule with
 * {@code forSeconds: 10}) and mails into the local SMTP catcher. Prometheus + Alertmanager are configured
 * aggressively ({@link PrometheusStack}) and post to a webhook receiver. Each trial stops mining
 * ({@code evm_setIntervalMining 0}) after a random 3–5 s of mining (a random phase of the 1 s block time), reads
 * the last head, and takes the <b>condition time</b> = that head's own timestamp + 10 s. Fire delay = arrival of the
 * "[FIRING]" e-mail at the SMTP server (ChainWatch) or of the firing webhook (Alertmanager) − the condition time.
 * Then, 0–1 s later, mining resumes ({@code evm_setIntervalMining 1}); resolve delay = arrival of the resolution −
 * the moment the first new block was seen on anvil (polled every 5 ms).
 *
 * <p>Two modes: {@code ws} registers anvil's own URL (the collector subscribes to {@code newHeads} over WebSocket)
 * and {@code http} registers it behind {@link HttpOnlyProxy} (no WebSocket: the collector polls for heads). One
 * warm-up trial per mode is not counted. Also printed: ChainWatch's notification path, from the recorded
 * transition ({@code event_at} of the outbox row) to the SMTP server's acceptance, for every counted mail.
 *
 * <p>Run from the repository root: {@code benchmarks/run.sh stalled.SideBySideBenchmark [trials] [ws|http|both]}
 * (defaults 20, both). Needs Debian's Prometheus and Alertmanager: {@value PrometheusStack#INSTALL}.
 */
public final class SideBySideBenchmark {

    private static final int STALL_SECONDS = 10;
    private static final String COMMAND = "benchmarks/run.sh stalled.SideBySideBenchmark";

    private final LocalStack stack;
    private final PrometheusStack prometheus;
    private final Random random = new Random();
    /** Arrival time (ms) of each message at the SMTP catcher, by index. */
    private final List<Long> mailArrivals = new CopyOnWriteArrayList<>();
    private final List<Double> notifyPathMs = new ArrayList<>();

    private SideBySideBenchmark(LocalStack stack, PrometheusStack prometheus) {
        this.stack = stack;
        this.prometheus = prometheus;
    }

    /** Fire and resolve delays of one mode, in seconds. */
    private record Result(String mode, List<Double> cwFire, List<Double> amFire, List<Double> cwResolve,
                          List<Double> amResolve) {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String modes = args.length > 1 ? args[1] : "both";
        String command = COMMAND + (args.length == 0 ? "" : " " + String.join(" ", args));
        Path repo = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("chainwatch-side-by-side");
        LocalStack.Settings settings = LocalStack.Settings.ephemeral(repo, work).withDevChain(false);
        List<Result> results = new ArrayList<>();
        SideBySideBenchmark bench = null;
        try (LocalStack stack = LocalStack.start(settings);
             PrometheusStack prometheus = new PrometheusStack(stack.anvil().rpcUrl(), work)) {
            bench = new SideBySideBenchmark(stack, prometheus);
            Thread watcher = bench.watchMail();
            try {
                ApiClient api = stack.api();
                String orgId = api.create("/api/v1/organizations",
                        "{\"name\":\"bench\",\"contactEmail\":\"bench@chainwatch.local\"}");
                if (!modes.equals("http")) {
                    results.add(bench.mode(api, orgId, "ws", stack.anvil().rpcUrl(), trials));
                }
                if (!modes.equals("ws")) {
                    try (HttpOnlyProxy proxy = new HttpOnlyProxy(stack.anvil().rpcUrl())) {
                        results.add(bench.mode(api, orgId, "http", proxy.url(), trials));
                    }
                }
            } finally {
                watcher.interrupt();
            }
            System.out.println("work directory (logs, configurations): " + work);
        }
        System.out.println();
        List<String> rows = new ArrayList<>();
        List<Double> amFireAll = new ArrayList<>();
        List<Double> amResolveAll = new ArrayList<>();
        for (Result r : results) {
            amFireAll.addAll(r.amFire());
            amResolveAll.addAll(r.amResolve());
            System.out.printf(Locale.ROOT, "mode %s, %d trials (seconds):%n", r.mode(), r.cwFire().size());
            System.out.printf(Locale.ROOT, "  %-36s fire p50 %6.3f  p99 %6.3f   resolve p50 %6.3f  p99 %6.3f%n",
                    "ChainWatch (e-mail, default settings)", p(r.cwFire(), 50), p(r.cwFire(), 99),
                    p(r.cwResolve(), 50), p(r.cwResolve(), 99));
            System.out.printf(Locale.ROOT, "  %-36s fire p50 %6.3f  p99 %6.3f   resolve p50 %6.3f  p99 %6.3f%n",
                    "Prometheus + Alertmanager (webhook)", p(r.amFire(), 50), p(r.amFire(), 99),
                    p(r.amResolve(), 50), p(r.amResolve(), 99));
            System.out.printf(Locale.ROOT, "  ratio ChainWatch / Alertmanager: fire p50 %.2f, p99 %.2f; resolve p50 %.2f, p99 %.2f%n",
                    p(r.cwFire(), 50) / p(r.amFire(), 50), p(r.cwFire(), 99) / p(r.amFire(), 99),
                    p(r.cwResolve(), 50) / p(r.amResolve(), 50), p(r.cwResolve(), 99) / p(r.amResolve(), 99));
            String suffix = r.mode().equals("ws") ? "" : "-" + r.mode();
            rows.add(Figures.row("fault-to-notify" + suffix + "-p50-s", p(r.cwFire(), 50), "s", command));
            rows.add(Figures.row("fault-to-notify" + suffix + "-p99-s", p(r.cwFire(), 99), "s", command));
            rows.add(Figures.row("resolve" + suffix + "-p50-s", p(r.cwResolve(), 50), "s", command));
            rows.add(Figures.row("resolve" + suffix + "-p99-s", p(r.cwResolve(), 99), "s", command));
        }
        if (!amFireAll.isEmpty()) {
            rows.add(Figures.row("am-aggressive-p50-s", p(amFireAll, 50), "s", command));
            rows.add(Figures.row("am-aggressive-p99-s", p(amFireAll, 99), "s", command));
            rows.add(Figures.row("am-aggressive-resolve-p50-s", p(amResolveAll, 50), "s", command));
        }
        if (bench != null && !bench.notifyPathMs.isEmpty()) {
            System.out.printf(Locale.ROOT, "ChainWatch notification path (recorded transition -> SMTP acceptance), %d mails: "
                    + "p50 %.1f ms, p99 %.1f ms%n", bench.notifyPathMs.size(), p(bench.notifyPathMs, 50),
                    p(bench.notifyPathMs, 99));
            rows.add(Figures.row("notify-path-p50-ms", p(bench.notifyPathMs, 50), "ms", command));
            rows.add(Figures.row("notify-path-p99-ms", p(bench.notifyPathMs, 99), "ms", command));
        }
        System.out.println();
        rows.forEach(System.out::println);
    }

    private Result mode(ApiClient api, String orgId, String mode, String rpcUrl, int trials) throws Exception {
        String chainName = "anvil-" + mode;
        String chainId = api.create("/api/v1/chains", "{\"orgId\":\"" + orgId + "\",\"name\":\"" + chainName
                + "\",\"platform\":\"ETHEREUM\"}");
        String nodeId = api.create("/api/v1/nodes", "{\"chainId\":\"" + chainId + "\",\"name\":\"anvil-1\",\"rpcUrl\":\""
                + rpcUrl + "\",\"pollIntervalMs\":1000}");
        String ruleId = api.create("/api/v1/rules", "{\"type\":\"chain_stalled\",\"orgId\":\"" + orgId
                + "\",\"chainId\":\"" + chainId + "\",\"severity\":\"critical\",\"emailTo\":[\"bench@chainwatch.local\"],"
                + "\"forSeconds\":" + STALL_SECONDS + "}");
        awaitFirstSample(nodeId);
        Thread.sleep(5000); // the rule and the chain's state settle
        Result result = new Result(mode, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i <= trials; i++) {
            trial(mode, chainName, i, result);
        }
        api.delete("/api/v1/nodes/" + nodeId);
        api.delete("/api/v1/rules/" + ruleId);
        return result;
    }

    private void trial(String mode, String chain, int i, Result result) throws Exception {
        Thread.sleep(3000 + random.nextInt(2000)); // mining; the fault comes at a random phase of the block time
        int mailsBefore = mailArrivals.size();
        int amFiringBefore = prometheus.deliveries("firing").size();
        int amResolvedBefore = prometheus.deliveries("resolved").size();
        stack.anvil().stopMining();
        long[] head = prometheus.head(stack.anvil().rpcUrl());
        long conditionMs = (head[1] + STALL_SECONDS) * 1000;

        String firing = "[FIRING] Chain stalled: " + chain;
        String resolved = "[RESOLVED] Chain stalled: " + chain;
        long cwFireAt = awaitMail(firing, mailsBefore, Duration.ofSeconds(STALL_SECONDS + 40));
        long amFireAt = awaitWebhook("firing", amFiringBefore, Duration.ofSeconds(STALL_SECONDS + 40));
        int mailsAfterFire = mailArrivals.size();

        Thread.sleep(random.nextInt(1000));
        stack.anvil().resumeMining(1);
        long newBlockAt = awaitNewBlock(head[0]);
        long cwResolveAt = awaitMail(resolved, mailsAfterFire, Duration.ofSeconds(40));
        long amResolveAt = awaitWebhook("resolved", amResolvedBefore, Duration.ofSeconds(40));

        double cwFire = (cwFireAt - conditionMs) / 1000.0;
        double amFire = (amFireAt - conditionMs) / 1000.0;
        double cwResolve = (cwResolveAt - newBlockAt) / 1000.0;
        double amResolve = (amResolveAt - newBlockAt) / 1000.0;
        boolean counted = i > 0;
        System.out.printf(Locale.ROOT, "%s trial %2d%s: fire ChainWatch %6.3f s, Alertmanager %6.3f s; resolve ChainWatch %6.3f s, "
                + "Alertmanager %6.3f s%n", mode, i, counted ? "" : " (warm-up)", cwFire, amFire, cwResolve, amResolve);
        if (counted) {
            result.cwFire().add(cwFire);
            result.amFire().add(amFire);
            result.cwResolve().add(cwResolve);
            result.amResolve().add(amResolve);
            notifyPath(firing, cwFireAt);
            notifyPath(resolved, cwResolveAt);
        }
    }

    /** Adds the delay from the outbox row's recorded transition to the mail's arrival. */
    private void notifyPath(String subject, long arrivedAtMs) {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), "postgres", "postgres");
             PreparedStatement s = c.prepareStatement("""
                     select extract(epoch from event_at) * 1000 from alert.notification_outbox
                      where subject = ? and event_at is not null order by id desc limit 1""")) {
            s.setString(1, subject);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    notifyPathMs.add(arrivedAtMs - rs.getDouble(1));
                }
            }
        } catch (java.sql.SQLException e) {
            System.err.println("could not read the outbox: " + e);
        }
    }

    /** Records the arrival time of every message at the SMTP catcher (polled every 2 ms). */
    private Thread watchMail() {
        MailCatcher mail = stack.mail();
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                int n = mail.count();
                long now = System.currentTimeMillis();
                while (mailArrivals.size() < n) {
                    mailArrivals.add(now);
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "mail-watcher");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Arrival time of the first message from index {@code from} on with this subject. */
    private long awaitMail(String subject, int from, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = from;
        while (System.nanoTime() < deadline) {
            int n = mailArrivals.size();
            if (n > checked) {
                List<MailCatcher.Mail> mails = stack.mail().messages();
                for (int k = checked; k < Math.min(n, mails.size()); k++) {
                    if (subject.equals(mails.get(k).subject())) {
                        return mailArrivals.get(k);
                    }
                }
                checked = Math.min(n, mails.size());
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no mail \"" + subject + "\" within " + timeout);
    }

    private long awaitWebhook(String status, int before, Duration timeout) throws InterruptedException {
        return await(() -> {
            List<PrometheusStack.Delivery> d = prometheus.deliveries(status);
            return d.size() > before ? d.get(before).atMs() : -1;
        }, timeout, "Alertmanager " + status);
    }

    private long awaitNewBlock(long height) throws InterruptedException {
        return await(() -> stack.anvil().blockNumber() > height ? System.currentTimeMillis() : -1,
                Duration.ofSeconds(10), "a new block");
    }

    private static long await(LongSupplier atOrMinusOne, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long at = atOrMinusOne.getAsLong();
            if (at >= 0) {
                return at;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(what + " not within " + timeout);
    }

    private void awaitFirstSample(String nodeId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SAMPLES));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(50))) {
                    if (record.value() != null
                            && nodeId.equals(SampleCodec.decode(record.value()).nodeId().toString())) {
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("no sample of node " + nodeId + " within 2 minutes");
    }

    private static double p(List<Double> values, int percentile) {
        return values.isEmpty() ? Double.NaN : Figures.percentile(values, percentile);
    }
}
