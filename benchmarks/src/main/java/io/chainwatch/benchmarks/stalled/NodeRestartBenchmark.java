package io.chainwatch.benchmarks.stalled;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.chainwatch.benchmarks.Figures;
import io.chainwatch.local.ApiClient;
import io.chainwatch.local.LocalStack;
import io.chainwatch.local.MailCatcher;
import io.chainwatch.testkit.FreePorts;

/**
 * "Node unreachable", killed and restarted: how soon after a node is back does the "[RESOLVED]" e-mail come?
 *
 * <p>ChainWatch runs as the local stack runs it (default settings; the node polled every 1 s, one
 * {@code node_unreachable} rule with {@code forSeconds: 5}), the node being the stack's anvil behind
 * {@link HttpOnlyProxy} on a fixed port. Each trial kills the node (the proxy closes: connections are refused), waits
 * for the "[FIRING] Node unreachable" mail, keeps the node down a random 10–30 s more — long enough for the
 * collector's back-off to reach its maximum (15 s by default) — and restarts it on the same port. Resolve delay =
 * arrival of the "[RESOLVED]" mail at the SMTP catcher − the moment the restarted node accepts connections. Also
 * printed: fire delay = arrival of the firing mail − the kill (the rule's 5 s included).
 *
 * <p>Run from the repository root: {@code benchmarks/run.sh stalled.NodeRestartBenchmark [trials]} (default 10).
 */
public final class NodeRestartBenchmark {

    private static final String COMMAND = "benchmarks/run.sh stalled.NodeRestartBenchmark";
    private static final int FOR_SECONDS = 5;

    private NodeRestartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String command = COMMAND + (args.length == 0 ? "" : " " + String.join(" ", args));
        Path repo = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("chainwatch-node-restart");
        LocalStack.Settings settings = LocalStack.Settings.ephemeral(repo, work).withDevChain(false);
        Random random = new Random();
        List<Double> fire = new ArrayList<>();
        List<Double> resolve = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(settings)) {
            String target = stack.anvil().rpcUrl();
            int port = FreePorts.next();
            HttpOnlyProxy node = new HttpOnlyProxy(target, port);
            ApiClient api = stack.api();
            String orgId = api.create("/api/v1/organizations",
                    "{\"name\":\"bench\",\"contactEmail\":\"bench@chainwatch.local\"}");
            String chainId = api.create("/api/v1/chains", "{\"orgId\":\"" + orgId
                    + "\",\"name\":\"restarts\",\"platform\":\"ETHEREUM\"}");
            api.create("/api/v1/nodes", "{\"chainId\":\"" + chainId + "\",\"name\":\"anvil-1\",\"rpcUrl\":\""
                    + node.url() + "\",\"pollIntervalMs\":1000}");
            api.create("/api/v1/rules", "{\"type\":\"node_unreachable\",\"orgId\":\"" + orgId + "\",\"chainId\":\""
                    + chainId + "\",\"severity\":\"critical\",\"emailTo\":[\"bench@chainwatch.local\"],"
                    + "\"forSeconds\":" + FOR_SECONDS + "}");
            Thread.sleep(10_000); // first samples; the rule settles
            String firing = "[FIRING] Node unreachable: anvil-1 (restarts)";
            String resolved = "[RESOLVED] Node unreachable: anvil-1 (restarts)";
            for (int i = 0; i <= trials; i++) {
                MailCatcher mail = stack.mail();
                int before = mail.count();
                long killedAt = System.currentTimeMillis();
                node.close();
                long firedAt = awaitMail(mail, firing, before, Duration.ofSeconds(60));
                Thread.sleep(10_000 + random.nextInt(20_000));
                int afterFire = mail.count();
                node = reopen(target, port);
                long backAt = System.currentTimeMillis();
                long resolvedAt = awaitMail(mail, resolved, afterFire, Duration.ofSeconds(60));
                double f = (firedAt - killedAt) / 1000.0;
                double r = (resolvedAt - backAt) / 1000.0;
                boolean counted = i > 0;
                System.out.printf(Locale.ROOT, "trial %2d%s: fired %6.3f s after the kill, resolved %6.3f s after the restart%n",
                        i, counted ? "" : " (warm-up)", f, r);
                if (counted) {
                    fire.add(f);
                    resolve.add(r);
                }
                Thread.sleep(3000 + random.nextInt(2000));
            }
            node.close();
            System.out.println("work directory (logs): " + work);
        }
        System.out.printf(Locale.ROOT, "%d trials: fire p50 %.3f s, p99 %.3f s (rule: for %d s); resolve after the restart p50 %.3f s, p99 %.3f s%n",
                fire.size(), Figures.percentile(fire, 50), Figures.percentile(fire, 99), FOR_SECONDS,
                Figures.percentile(resolve, 50), Figures.percentile(resolve, 99));
        System.out.println(Figures.row("node-back-resolve-p50-s", Figures.percentile(resolve, 50), "s", command));
        System.out.println(Figures.row("node-back-resolve-p99-s", Figures.percentile(resolve, 99), "s", command));
        System.out.println(Figures.row("node-down-fire-p50-s", Figures.percentile(fire, 50), "s", command));
    }

    /** The proxy on the same port again; the port may take a moment to be free after the close. */
    private static HttpOnlyProxy reopen(String target, int port) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return new HttpOnlyProxy(target, port);
            } catch (java.net.BindException e) {
                if (attempt >= 100) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

    /** Arrival time (ms, polled every 5 ms) of the first message from index {@code from} on with this subject. */
    private static long awaitMail(MailCatcher mail, String subject, int from, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = from;
        while (System.nanoTime() < deadline) {
            int n = mail.count();
            if (n > checked) {
                long now = System.currentTimeMillis();
                List<MailCatcher.Mail> mails = mail.messages();
                for (int k = checked; k < Math.min(n, mails.size()); k++) {
                    if (subject.equals(mails.get(k).subject())) {
                        return now;
                    }
                }
                checked = Math.min(n, mails.size());
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no mail \"" + subject + "\" within " + timeout);
    }
}
