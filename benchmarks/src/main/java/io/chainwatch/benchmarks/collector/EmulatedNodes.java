package io.chainwatch.benchmarks.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpServer;

/**
 * An in-process JSON-RPC responder emulating any number of Ethereum nodes: node {@code i} is
 * {@code http://127.0.0.1:<port>/node/<i>} (a URL, and so a connection pool, of its own). Each answers a batch the
 * way anvil does: one answer per request, ids echoed; a chain that grows one block per second; no
 * {@code net_peerCount} (method not found). Answers are assembled from fixed parts, so the responder costs little
 * of the CPU the collector is measured on. Its threads are named {@code responder-*}.
 */
final class EmulatedNodes implements AutoCloseable {

    static {
        // the JDK server closes idle keep-alive connections beyond 200 by default; real nodes keep one per client
        System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        System.setProperty("sun.net.httpserver.idleInterval", "600");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final long startSeconds = System.currentTimeMillis() / 1000;
    final LongAdder answered = new LongAdder();

    EmulatedNodes(int threads) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "responder-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] request;
                try (InputStream in = exchange.getRequestBody()) {
                    request = in.readAllBytes();
                }
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1); // e.g. a WebSocket upgrade: not offered
                    return;
                }
                byte[] body = answer(new String(request, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                answered.increment();
            }
        });
        server.start();
    }

    String url(int node) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/node/" + node;
    }

    /** Answers a web3j batch: finds each request's method and id in order and writes the matching answer. */
    String answer(String batch) {
        long height = System.currentTimeMillis() / 1000 - startSeconds + 1000;
        StringBuilder out = new StringBuilder(1024).append('[');
        int from = 0;
        boolean first = true;
        while (true) {
            int m = batch.indexOf("\"method\":\"", from);
            if (m < 0) {
                break;
            }
            int methodEnd = batch.indexOf('"', m + 10);
            String method = batch.substring(m + 10, methodEnd);
            int i = batch.indexOf("\"id\":", methodEnd);
            int idEnd = i + 5;
            while (idEnd < batch.length() && Character.isDigit(batch.charAt(idEnd))) {
                idEnd++;
            }
            String id = batch.substring(i + 5, idEnd);
            from = idEnd;
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"jsonrpc\":\"2.0\",\"id\":").append(id).append(',');
            switch (method) {
                case "eth_blockNumber" -> out.append("\"result\":\"0x").append(Long.toHexString(height)).append("\"}");
                case "eth_getBlockByNumber" -> out.append("\"result\":{\"number\":\"0x").append(Long.toHexString(height))
                        .append("\",\"hash\":\"0x").append(String.format("%064x", height))
                        .append("\",\"parentHash\":\"0x").append(String.format("%064x", height - 1))
                        .append("\",\"timestamp\":\"0x").append(Long.toHexString(startSeconds + height - 1000))
                        .append("\",\"gasUsed\":\"0x5208\",\"gasLimit\":\"0x1c9c380\",\"baseFeePerGas\":\"0x3b9aca00\",")
                        .append("\"transactions\":[\"0x").append(String.format("%064x", height * 7)).append("\"]}}");
                case "eth_gasPrice" -> out.append("\"result\":\"0x3b9aca00\"}");
                case "eth_syncing" -> out.append("\"result\":false}");
                case "eth_chainId" -> out.append("\"result\":\"0x7a69\"}");
                case "web3_clientVersion" -> out.append("\"result\":\"emulated/1.0\"}");
                case "txpool_status" -> out.append("\"result\":{\"pending\":\"0x0\",\"queued\":\"0x0\"}}");
                default -> out.append("\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
            }
        }
        return out.append(']').toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
