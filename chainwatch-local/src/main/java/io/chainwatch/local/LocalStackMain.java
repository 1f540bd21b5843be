package io.chainwatch.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run-local.sh}: starts the local stack with fixed ports, registers the anvil chain with default rules,
 * prints where everything is, and runs until Ctrl-C.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        LocalStack.Settings settings = LocalStack.Settings.defaults(repoRoot());
        System.out.println("Starting ChainWatch locally (logs in " + settings.workDir().resolve("logs") + ") ...");
        LocalStack stack;
        try {
            stack = LocalStack.start(settings);
        } catch (RuntimeException | Error e) {
            System.err.println("ChainWatch did not start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable stop = () -> {
            if (closing.compareAndSet(false, true)) {
                System.out.println("Stopping ChainWatch ...");
                stack.close();
                stopped.countDown();
            }
        };
        // Ctrl-C and SIGTERM stop the stack *before* the JVM begins its shutdown: the embedded Kafka broker's own
        // shutdown hook deletes its log directory, and run beside ours it broke the broker while the services were
        // still stopping (they then waited for Kafka until they were killed)
        for (String signal : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> new Thread(() -> {
                    stop.run();
                    System.exit(0);
                }, "local-stack-stop").start());
            } catch (IllegalArgumentException unsupported) {
                // this platform has no such signal: the shutdown hook below still stops the stack
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "local-stack-shutdown"));

        LocalStack.DevChain dev = stack.devChain();
        String opsPassword = stack.addPerson("ops", dev.orgId(), "org-admin");
        String viewerPassword = stack.addPerson("viewer", dev.orgId(), "viewer");
        String key = settings.apiKey();
        String rpc = stack.anvil().rpcUrl();
        System.out.printf("""

                ChainWatch is running (started in %.1f s).

                  Gateway (REST API)   %s/api/v1      API key: %s   (header X-API-Key)
                  Console              %s/   sign in as ops / %s (org-admin of local-dev),
                                       viewer / %s (viewer), or admin / %s (platform admin)
                  OIDC provider        %s   (identity service; people's tokens for Authorization: Bearer)
                  API documentation    %s/docs
                  Mail inbox           %s   (.eml files in %s)
                  Metrics              %s/actuator/prometheus   (collector's management port, loopback only;
                                       every service's: gateway %d, registry %d, collector %d, alert %d, CDC %d,
                                       identity %d)
                  Anvil dev chain      %s   (chain id 31337, one block per second)
                  Kafka                %s
                  PostgreSQL           %s   (user postgres, password postgres; wal_level=logical, so
                                       its tables can be CDC sources: POST /api/v1/cdc/sources, see README)

                Registered: organization local-dev (%s), chain anvil-dev (%s), node anvil-1 (%s),
                rules "chain stalled for %d s" and "node unreachable for %d s", mailed to %s.

                Try it:
                  curl -s -H 'X-API-Key: %s' %s/api/v1/nodes?chainId=%s
                  # stop block production: a "[FIRING] Chain stalled" mail arrives in the inbox
                  curl -s -X POST -H 'Content-Type: application/json' --data '{"jsonrpc":"2.0","id":1,"method":"evm_setIntervalMining","params":[0]}' %s
                  # resume it: the "[RESOLVED]" mail follows
                  curl -s -X POST -H 'Content-Type: application/json' --data '{"jsonrpc":"2.0","id":1,"method":"evm_setIntervalMining","params":[1]}' %s

                Press Ctrl-C to stop.
                """,
                (System.nanoTime() - started) / 1e9,
                stack.gatewayUrl(), key, stack.gatewayUrl(), opsPassword, viewerPassword, stack.adminPassword(),
                stack.identityUrl(), stack.gatewayUrl(),
                stack.mail().inboxUrl(), stack.mail().folder(),
                stack.service("collector-service").managementUrl(), stack.service("gateway").managementPort(),
                stack.service("registry-service").managementPort(), stack.service("collector-service").managementPort(),
                stack.service("alert-service").managementPort(), stack.service("cdc-service").managementPort(),
                stack.service("identity-service").managementPort(),
                rpc, stack.kafkaBootstrapServers(), stack.jdbcUrl(),
                dev.orgId(), dev.chainId(), dev.nodeId(), settings.stallSeconds(), settings.unreachableSeconds(),
                settings.alertEmail(),
                key, stack.gatewayUrl(), dev.chainId(), rpc, rpc);
        stopped.await();
    }

    /** The repository root: the nearest directory above the working directory that holds {@code mvnw}. */
    static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run this from the ChainWatch repository (no mvnw found above "
                + Path.of("").toAbsolutePath() + ")");
    }
}
