package io.chainwatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One ChainWatch service running as a child JVM from its runnable ({@code -exec}) jar.
 * <p>
 * Its Spring properties (keys, passwords) reach it through the environment variable {@code SPRING_APPLICATION_JSON},
 * never on the command line: every local user can read a process's command line ({@code ps}), only its owner its
 * environment ({@code /proc/<pid>/environ} is owner-only). The command line holds the JVM options, the jar and the
 * two ports. The actuator endpoints (health, prometheus) are on a management port of their own, on loopback.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final int managementPort;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    private ServiceProcess(String name, int port, int managementPort, List<String> command,
                           Map<String, String> environment, Path log) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.command = command;
        this.environment = environment;
        this.log = log;
    }

    /**
     * Prepares (does not start) the service {@code module} on {@code port}, its actuator endpoints on a free
     * management port, with Spring properties given as {@code --key=value}.
     */
    public static ServiceProcess of(Path repoRoot, String module, int port, List<String> properties, Path logDir) {
        return of(repoRoot, module, port, properties, logDir, LOCAL_JVM_OPTIONS);
    }

    /**
     * JVM options of the local stack: quick start and a small footprint (C1 compiler only, serial GC) over peak
     * throughput.
     */
    public static final List<String> LOCAL_JVM_OPTIONS = List.of("-Xms64m", "-Xmx320m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    /**
     * The collector's heap grows with the number of nodes it polls, and its allocation rate with their polls: a young
     * generation of fixed size and a heap kept close to what is live (at most 30 % free after a full collection)
     * keep its memory near its live data instead of the heap's maximum (docs/benchmarks.md,
     * {@code collector-rss-kib-per-node}).
     */
    public static final List<String> COLLECTOR_JVM_OPTIONS = List.of("-Xms64m", "-Xmx320m", "-Xmn32m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** The local stack's JVM options for {@code module}. */
    public static List<String> jvmOptions(String module) {
        return module.equals("collector-service") ? COLLECTOR_JVM_OPTIONS : LOCAL_JVM_OPTIONS;
    }

    /** As {@link #of(Path, String, int, List, Path)}, with the given JVM options (e.g. none: the JVM's defaults). */
    public static ServiceProcess of(Path repoRoot, String module, int port, List<String> properties, Path logDir,
                                    List<String> jvmOptions) {
        return of(repoRoot, module, port, io.chainwatch.testkit.FreePorts.next(), properties, logDir, jvmOptions);
    }

    /** As {@link #of(Path, String, int, List, Path, List)}, with the actuator endpoints on {@code managementPort}. */
    public static ServiceProcess of(Path repoRoot, String module, int port, int managementPort, List<String> properties,
                                    Path logDir, List<String> jvmOptions) {
        Path jar = runnableJar(repoRoot, module);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                "--management.server.port=" + managementPort, "--management.server.address=127.0.0.1"));
        return new ServiceProcess(module, port, managementPort, command,
                Map.of("SPRING_APPLICATION_JSON", applicationJson(properties)), logDir.resolve(module + ".log"));
    }

    /** {@code --key=value} properties as the JSON object of {@code SPRING_APPLICATION_JSON} (flat keys). */
    static String applicationJson(List<String> properties) {
        Map<String, String> flat = new LinkedHashMap<>();
        for (String property : properties) {
            if (!property.startsWith("--") || property.indexOf('=') < 0) {
                throw new IllegalArgumentException("not a --key=value property: " + property.split("=", 2)[0]);
            }
            int eq = property.indexOf('=');
            flat.put(property.substring(2, eq), property.substring(eq + 1));
        }
        StringBuilder json = new StringBuilder("{");
        flat.forEach((key, value) -> json.append(json.length() > 1 ? "," : "")
                .append(ApiClient.quote(key)).append(':').append(ApiClient.quote(value)));
        return json.append('}').toString();
    }

    /** {@code <repo>/<module>/target/<module>-<version>-exec.jar}, built by {@code ./mvnw package}. */
    static Path runnableJar(Path repoRoot, String module) {
        Path target = repoRoot.resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runnable jar in " + target
                            + ": build it first with ./mvnw -DskipTests package"));
        } catch (IOException e) {
            throw new IllegalStateException("no " + target + ": build the project first with ./mvnw -DskipTests package", e);
        }
    }

    public void start() {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /**
     * Waits until {@code /actuator/health} on the management port answers UP; fails with the log's location if the
     * process dies.
     */
    public void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log
                        + ", which ends:\n" + tail(20));
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout + "; see " + log);
    }

    /** The last {@code lines} lines of the log, or a note that it cannot be read. */
    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(log not readable: " + e + ")";
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The management port: actuator endpoints (health, prometheus), on loopback only. */
    public int managementPort() {
        return managementPort;
    }

    /** {@code http://127.0.0.1:<management port>}: {@code /actuator/prometheus} is scraped here. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Kills the process at once (SIGKILL), as a crash. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    /** Asks the process to stop (SIGTERM: Spring's graceful shutdown) and waits for it. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
