package io.chainwatch.collector.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A real TCP server on loopback that reads the start of each request and closes the connection without a word. */
public final class ClosingServer implements AutoCloseable {

    private final ServerSocket socket;

    private ClosingServer(ServerSocket socket) {
        this.socket = socket;
    }

    public static ClosingServer start() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread closer = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        client.getInputStream().read(new byte[1024]);
                    } catch (IOException e) {
                        if (socket.isClosed()) {
                            return;
                        }
                    }
                }
            }, "closing-server");
            closer.setDaemon(true);
            closer.start();
            return new ClosingServer(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
