package io.chainwatch.collector;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The collector: polls the nodes of its assigned target partitions and publishes one sample per poll. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CollectorApplication {

    /**
     * The JDK HTTP client's buffer sizes for the WebSocket head streams (one connection per node). Its defaults
     * give every WebSocket a 16 KiB write buffer and a 16 KiB encoding buffer, and read into 16 KiB buffers whose
     * slices stay referenced while a message is handled: about 80 KiB of heap per node, for connections that send
     * one subscription of about 100 bytes and receive a head of about 1 KiB a block. Smaller buffers only mean more
     * reads and writes for larger messages. Each is a default: {@code -D} on the command line wins.
     */
    static final Map<String, String> JDK_HTTP_CLIENT_BUFFERS = Map.of(
            "jdk.httpclient.websocket.writeBufferSize", "1024",
            "jdk.httpclient.websocket.intermediateBufferSize", "1024",
            "jdk.httpclient.bufsize", "2048");

    public static void main(String[] args) {
        JDK_HTTP_CLIENT_BUFFERS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
        SpringApplication.run(CollectorApplication.class, args);
    }
}
