package io.chainwatch.gateway;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests a browser sends on one kept-alive connection each get their answer, also when they arrive before the
 * previous answer's exchange has finished on the server (the console's page, its configuration and its first API
 * call, a few milliseconds apart). Reactor Netty 1.3.7 queued such requests and, when a queued one completed at once,
 * stopped reading the connection: the next request was never answered (reactor-netty issue 4361; in the console's
 * end-to-end test about one page in twenty waited until the browser gave up). Here the page and its configuration
 * are written in one go, so that the second is always queued, and the API call follows once both are answered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class KeepAliveIT {

    private static final int PORT = FreePorts.next();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("chainwatch.gateway.api-keys", () -> "some-key");
        registry.add("chainwatch.gateway.internal-token.private-key", io.chainwatch.testkit.TestCallers::privateKey);
        registry.add("chainwatch.gateway.jwt.issuer-uri", () -> "http://127.0.0.1:1/issuer");
    }

    @RepeatedTest(5)
    void aRequestAfterTwoQueuedOnesIsAnswered() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", PORT)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            // the page and its configuration, the second sent before the first is answered
            out.write((request("/alerts") + request("/console-config.json")).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statusCodes(readAnswers(socket.getInputStream(), 2))).containsExactly("200", "200");
            // then the page's first API call, on the same connection
            out.write(request("/api/v1/chains").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAnswers(socket.getInputStream(), 1);
            assertThat(statusCodes(answer)).as("the API call's answer; got: %s", answer).containsExactly("401");
        }
    }

    private static String request(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + PORT + "\r\nConnection: keep-alive\r\n\r\n";
    }

    /** Reads until {@code count} complete answers arrived (Content-Length or chunked), or the socket times out. */
    private static String readAnswers(InputStream in, int count) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            while (complete(seen.toString(StandardCharsets.ISO_8859_1)) < count) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                seen.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // what arrived is returned: the assertion names the answers that are missing
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }

    private static int complete(String text) {
        int answers = 0;
        int at = 0;
        while (true) {
            int headersEnd = text.indexOf("\r\n\r\n", at);
            if (headersEnd < 0) {
                return answers;
            }
            String headers = text.substring(at, headersEnd).toLowerCase();
            int bodyStart = headersEnd + 4;
            Matcher length = Pattern.compile("content-length: *(\\d+)").matcher(headers);
            if (length.find()) {
                int end = bodyStart + Integer.parseInt(length.group(1));
                if (text.length() < end) {
                    return answers;
                }
                at = end;
            } else if (headers.contains("transfer-encoding: chunked")) {
                int end = text.indexOf("\r\n0\r\n\r\n", bodyStart - 2);
                if (end < 0) {
                    return answers;
                }
                at = end + 7;
            } else {
                at = bodyStart;
            }
            answers++;
        }
    }

    private static java.util.List<String> statusCodes(String answers) {
        Matcher status = Pattern.compile("HTTP/1\\.1 (\\d{3}) ").matcher(answers);
        java.util.List<String> codes = new java.util.ArrayList<>();
        while (status.find()) {
            codes.add(status.group(1));
        }
        return codes;
    }
}
