package io.chainwatch.testkit;

import java.io.File;
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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real anvil (Foundry's Ethereum dev node) running as a child process on loopback.
 *
 * <p>The binary comes from the npm package {@code @foundry-rs/anvil}, which the Maven build installs at the
 * repository root ({@code npm install}). Override its location with the system property
 * {@code chainwatch.anvil} or the environment variable {@code ANVIL_PATH}.
 */
public final class Anvil implements AutoCloseable {

    private static final String NPM_BINARY = "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";
    private static final Pattern HEX_RESULT = Pattern.compile("\"result\"\\s*:\\s*\"0x([0-9a-fA-F]+)\"");

    private final int port;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Anvil(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /**
     * Starts anvil on a free loopback port and waits until it answers JSON-RPC.
     *
     * @param blockTimeSeconds seconds between blocks (interval mining), or 0 for anvil's default automine
     *                         (one block per transaction, no empty blocks)
     * @param logFile          where anvil's output goes, or {@code null} to discard it
     */
    public static Anvil start(int blockTimeSeconds, Path logFile) {
        return start(FreePorts.next(), blockTimeSeconds, logFile);
    }

    /** Starts anvil on the given loopback port; see {@link #start(int, Path)}. */
    public static Anvil start(int port, int blockTimeSeconds, Path logFile) {
        List<String> command = new ArrayList<>(List.of(binary().toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--prune-history"));
        if (blockTimeSeconds > 0) {
            command.add("--block-time");
            command.add(Integer.toString(blockTimeSeconds));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(logFile == null
                ? ProcessBuilder.Redirect.DISCARD
                : ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            Anvil anvil = new Anvil(port, builder.start());
            anvil.awaitReady(Duration.ofSeconds(20));
            return anvil;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start anvil " + command, e);
        }
    }

    /** Where the anvil binary is: property {@code chainwatch.anvil}, env {@code ANVIL_PATH}, or node_modules above the working directory. */
    public static Path binary() {
        String configured = System.getProperty("chainwatch.anvil", System.getenv("ANVIL_PATH"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(NPM_BINARY);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("anvil not found: run 'npm install' at the repository root"
                + " (the Maven build does it), or set ANVIL_PATH. Looked for " + NPM_BINARY
                + " above " + new File("").getAbsolutePath());
    }

    public int port() {
        return port;
    }

    /** The node's HTTP JSON-RPC URL. */
    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The node's WebSocket JSON-RPC URL (same port as HTTP). */
    public String wsUrl() {
        return "ws://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Current block number ({@code eth_blockNumber}). */
    public long blockNumber() {
        return Long.parseLong(hexResult(call("eth_blockNumber", "[]")), 16);
    }

    /** Stops producing blocks ({@code evm_setIntervalMining 0}): the chain stalls. */
    public void stopMining() {
        call("evm_setIntervalMining", "[0]");
    }

    /** Produces a block every {@code seconds} seconds again. */
    public void resumeMining(int seconds) {
        call("evm_setIntervalMining", "[" + seconds + "]");
    }

    /** Mines {@code blocks} blocks at once ({@code anvil_mine}). */
    public void mine(int blocks) {
        call("anvil_mine", "[\"0x" + Integer.toHexString(blocks) + "\"]");
    }

    /** Kills the process at once (SIGKILL), as a crashed node. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    /** Sends one JSON-RPC call and returns the raw response body; fails on transport errors or an RPC error. */
    public String call(String method, String paramsJson) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl()))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            String response = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            if (response.contains("\"error\"")) {
                throw new IllegalStateException(method + " failed: " + response);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " to " + rpcUrl() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited with code " + process.exitValue() + " at start");
            }
            try {
                blockNumber();
                return;
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    kill();
                    throw new IllegalStateException("anvil did not answer on port " + port + " within " + timeout, notYet);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    private static String hexResult(String response) {
        Matcher m = HEX_RESULT.matcher(response);
        if (!m.find()) {
            throw new IllegalStateException("no hex result in " + response);
        }
        return m.group(1);
    }
}
