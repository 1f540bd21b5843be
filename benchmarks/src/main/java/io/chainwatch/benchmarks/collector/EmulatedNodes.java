package io.chainwatch.benchmarks.collector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * An in-process JSON-RPC responder emulating any number of Ethereum nodes: node {@code i} is
 * {@code http://127.0.0.1:<port>/node/<i>} (a URL, and so a connection pool, of its own). Each answers a batch the
 * way anvil does: one answer per request, ids echoed; a chain that grows one block per second; no
 * {@code net_peerCount} (method not found); no WebSocket (an upgrade is answered 405).
 *
 * <p>It shares the machine with the collector it measures, so it is kept cheap: a minimal HTTP/1.1 keep-alive
 * server on non-blocking sockets, {@code threads} selector threads (named {@code responder-*}) each serving its own
 * connections without hand-offs, requests with a {@code Content-Length} body, and answers assembled from parts that
 * change once a second. (The JDK's {@code com.sun.net.httpserver}, used before, cost about as much CPU per request
 * as the collector's whole poll.)
 */
final class EmulatedNodes implements AutoCloseable {

    private static final byte[] HEADERS_200 = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Content-Length: ").getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ANSWER_405 = "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ANSWER_411 = ("HTTP/1.1 411 Length Required\r\nContent-Length: 0\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.ISO_8859_1);

    private final ServerSocketChannel server;
    private final List<Loop> loops = new ArrayList<>();
    private final long startSeconds = System.currentTimeMillis() / 1000;
    private volatile Parts parts;
    final LongAdder answered = new LongAdder();

    EmulatedNodes(int threads) {
        try {
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
            for (int i = 0; i < threads; i++) {
                loops.add(new Loop(i == 0 ? server : null, "responder-" + (i + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loops.forEach(loop -> loop.thread.start());
    }

    String url(int node) {
        return "http://127.0.0.1:" + server.socket().getLocalPort() + "/node/" + node;
    }

    /** The parts of the answers that change with the chain's height (once a second). */
    private record Parts(long height, String blockNumber, String block) {
    }

    private Parts parts() {
        long height = System.currentTimeMillis() / 1000 - startSeconds + 1000;
        Parts p = parts;
        if (p != null && p.height == height) {
            return p;
        }
        String blockNumber = "\"result\":\"0x" + Long.toHexString(height) + "\"}";
        String block = "\"result\":{\"number\":\"0x" + Long.toHexString(height)
                + "\",\"hash\":\"0x" + hex64(height)
                + "\",\"parentHash\":\"0x" + hex64(height - 1)
                + "\",\"timestamp\":\"0x" + Long.toHexString(startSeconds + height - 1000)
                + "\",\"gasUsed\":\"0x5208\",\"gasLimit\":\"0x1c9c380\",\"baseFeePerGas\":\"0x3b9aca00\","
                + "\"transactions\":[\"0x" + hex64(height * 7) + "\"]}}";
        p = new Parts(height, blockNumber, block);
        parts = p;
        return p;
    }

    /** The block fields of an older block (a poll asking for the block it saw last). */
    private String block(long number) {
        return "\"result\":{\"number\":\"0x" + Long.toHexString(number)
                + "\",\"hash\":\"0x" + hex64(number)
                + "\",\"parentHash\":\"0x" + hex64(number - 1)
                + "\",\"timestamp\":\"0x" + Long.toHexString(startSeconds + number - 1000)
                + "\",\"gasUsed\":\"0x5208\",\"gasLimit\":\"0x1c9c380\",\"baseFeePerGas\":\"0x3b9aca00\","
                + "\"transactions\":[\"0x" + hex64(number * 7) + "\"]}}";
    }

    private static String hex64(long n) {
        String hex = Long.toHexString(n);
        return "0".repeat(64 - hex.length()) + hex;
    }

    /**
     * Answers a JSON-RPC batch: finds each request's method and id in order and writes the matching answer
     * ({@code eth_getBlockByNumber} of a number answers that block, of {@code latest} the head).
     */
    String answer(String batch) {
        Parts p = parts();
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
            int requestEnd = idEnd;
            // a request's fields may come in any order: the params are those between the method and the id
            int params = batch.indexOf("\"params\":[", m);
            String number = null;
            if (params >= 0 && params < i) {
                int q = batch.indexOf('"', params + 10);
                if (q >= 0 && q < i && batch.startsWith("0x", q + 1)) {
                    number = batch.substring(q + 3, batch.indexOf('"', q + 1));
                }
            }
            from = requestEnd;
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"jsonrpc\":\"2.0\",\"id\":").append(batch, i + 5, idEnd).append(',');
            switch (method) {
                case "eth_blockNumber" -> out.append(p.blockNumber);
                case "eth_getBlockByNumber" -> {
                    long n = number == null ? p.height : Long.parseLong(number, 16);
                    out.append(n == p.height || n > p.height ? p.block : block(n));
                }
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
        for (Loop loop : loops) {
            loop.stop();
        }
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** One selector thread; the first also accepts and hands new connections round-robin. */
    private final class Loop implements Runnable {
        final Selector selector;
        final ServerSocketChannel acceptor;
        final Thread thread;
        final Queue<SocketChannel> incoming = new ConcurrentLinkedQueue<>();
        private int next;

        Loop(ServerSocketChannel acceptor, String name) throws IOException {
            this.selector = Selector.open();
            this.acceptor = acceptor;
            if (acceptor != null) {
                acceptor.configureBlocking(false);
                acceptor.register(selector, SelectionKey.OP_ACCEPT);
            }
            this.thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        void stop() {
            try {
                selector.close();
            } catch (IOException e) {
                // closing anyway
            }
            thread.interrupt();
        }

        @Override
        public void run() {
            try {
                while (selector.isOpen()) {
                    selector.select();
                    SocketChannel added;
                    while ((added = incoming.poll()) != null) {
                        added.register(selector, SelectionKey.OP_READ, new Connection(added));
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isAcceptable()) {
                            accept();
                        } else {
                            Connection connection = (Connection) key.attachment();
                            try {
                                if (key.isWritable()) {
                                    connection.flush(key);
                                }
                                if (key.isValid() && key.isReadable()) {
                                    connection.read(key);
                                }
                            } catch (IOException | RuntimeException e) {
                                key.cancel();
                                connection.channel.close();
                            }
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (ClosedSelectorException e) {
                // stopped
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void accept() throws IOException {
            SocketChannel channel;
            while ((channel = acceptor.accept()) != null) {
                channel.configureBlocking(false);
                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                Loop loop = loops.get(next++ % loops.size());
                if (loop == this) {
                    channel.register(selector, SelectionKey.OP_READ, new Connection(channel));
                } else {
                    loop.incoming.add(channel);
                    loop.selector.wakeup();
                }
            }
        }
    }

    /** One keep-alive connection: requests read into a buffer, answers written from another. */
    private final class Connection {
        final SocketChannel channel;
        ByteBuffer in = ByteBuffer.allocate(4096);
        ByteBuffer out = ByteBuffer.allocate(4096);
        boolean closeAfterWrite;

        Connection(SocketChannel channel) {
            this.channel = channel;
            out.flip(); // nothing to write
        }

        void read(SelectionKey key) throws IOException {
            if (!in.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                in.flip();
                bigger.put(in);
                in = bigger;
            }
            int n = channel.read(in);
            if (n < 0) {
                key.cancel();
                channel.close();
                return;
            }
            while (handleOne()) {
                // every complete request in the buffer
            }
            flush(key);
        }

        /** Handles the first request in the buffer if it is complete; false if it is not (yet). */
        private boolean handleOne() {
            byte[] bytes = in.array();
            int length = in.position();
            int headerEnd = indexOf(bytes, length, CRLF_CRLF, 0);
            if (headerEnd < 0) {
                return false;
            }
            int bodyStart = headerEnd + 4;
            boolean post = length >= 4 && bytes[0] == 'P' && bytes[1] == 'O' && bytes[2] == 'S' && bytes[3] == 'T';
            int contentLength = contentLength(bytes, headerEnd);
            if (contentLength < 0) {
                if (post) {
                    closeAfterWrite = true;
                    write(ANSWER_411, null);
                    in.clear();
                    return false;
                }
                contentLength = 0;
            }
            if (length < bodyStart + contentLength) {
                return false;
            }
            if (post) {
                String request = new String(bytes, bodyStart, contentLength, StandardCharsets.ISO_8859_1);
                byte[] body = answer(request).getBytes(StandardCharsets.ISO_8859_1);
                write(HEADERS_200, (body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                write(body, null);
                answered.increment();
            } else {
                write(ANSWER_405, null); // e.g. a WebSocket upgrade: not offered
            }
            int consumed = bodyStart + contentLength;
            System.arraycopy(bytes, consumed, bytes, 0, length - consumed);
            in.position(length - consumed);
            return true;
        }

        private void write(byte[] first, byte[] second) {
            int needed = first.length + (second == null ? 0 : second.length);
            if (out.capacity() - out.limit() < needed) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.remaining() + needed));
                bigger.put(out);
                bigger.flip();
                out = bigger;
            }
            int position = out.position();
            out.position(out.limit());
            out.limit(out.capacity());
            out.put(first);
            if (second != null) {
                out.put(second);
            }
            out.limit(out.position());
            out.position(position);
        }

        void flush(SelectionKey key) throws IOException {
            if (out.hasRemaining()) {
                channel.write(out);
            }
            if (out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            } else {
                out.clear();
                out.flip();
                if (closeAfterWrite) {
                    key.cancel();
                    channel.close();
                    return;
                }
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        private int contentLength(byte[] bytes, int headerEnd) {
            int at = indexOfIgnoreCase(bytes, headerEnd, CONTENT_LENGTH);
            if (at < 0) {
                return -1;
            }
            int i = at + CONTENT_LENGTH.length;
            while (bytes[i] == ' ') {
                i++;
            }
            int n = 0;
            while (bytes[i] >= '0' && bytes[i] <= '9') {
                n = n * 10 + (bytes[i++] - '0');
            }
            return n;
        }
    }

    private static int indexOf(byte[] bytes, int length, byte[] what, int from) {
        outer:
        for (int i = from; i <= length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int indexOfIgnoreCase(byte[] bytes, int length, byte[] lowerCase) {
        outer:
        for (int i = 0; i <= length - lowerCase.length; i++) {
            for (int j = 0; j < lowerCase.length; j++) {
                int b = bytes[i + j];
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != lowerCase[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
