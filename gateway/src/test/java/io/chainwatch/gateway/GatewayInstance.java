package io.chainwatch.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.chainwatch.testkit.FreePorts;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One gateway instance in a Spring context of its own on a port of its own, so that a test can run several side by
 * side as a load balancer would see them; and requests to it from a chosen loopback source address (127.0.0.2, …),
 * the address the gateway's failed sign-in counts are kept by.
 */
final class GatewayInstance implements AutoCloseable {

    /** An HTTP answer: status, headers (names in lower case) and body. */
    record Answer(int status, Map<String, String> headers, String body) {

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase()));
        }
    }

    private final ConfigurableApplicationContext context;
    private final int port;

    private GatewayInstance(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    /** Starts a gateway with {@code settings} ({@code name=value}) on top of the test's defaults. */
    static GatewayInstance start(List<String> settings) {
        int port = FreePorts.next();
        List<String> args = new ArrayList<>(List.of("--server.port=" + port,
                "--chainwatch.gateway.internal-token.private-key=" + io.chainwatch.testkit.TestCallers.privateKey()));
        settings.forEach(s -> args.add("--" + s));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
                .run(args.toArray(String[]::new));
        return new GatewayInstance(context, port);
    }

    /** {@code GET path} with {@code X-API-Key: key}, sent from the loopback address {@code from}. */
    Answer get(String path, String key, String from) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nX-API-Key: " + key + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim().toLowerCase(), head[i].substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, text.substring(end + 4));
        }
    }

    /** The value of a counter in this instance's {@code /actuator/prometheus} (0 when absent). */
    double metric(String name, String labelPattern) throws Exception {
        String port = context.getEnvironment().getProperty("local.management.port");
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*" + labelPattern + "[^}]*} (\\S+)$").matcher(text);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    @Override
    public void close() {
        context.close();
    }
}
