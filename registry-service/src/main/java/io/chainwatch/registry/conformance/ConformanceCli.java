package io.chainwatch.registry.conformance;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conformance kit from a shell: calls {@code POST /api/v1/platforms/{id}/conformance} (or
 * {@code /chains/{id}/conformance}) on ChainWatch (the gateway, with an API key) and prints one line per operation,
 * and for a failure its raw exchanges (secrets are masked by the service). Exit code 0 when nothing failed, 1 when
 * an operation failed, 2 for a usage or HTTP error.
 *
 * <pre>
 * java -cp registry-service/target/registry-service-*-exec.jar \
 *   -Dloader.main=io.chainwatch.registry.conformance.ConformanceCli \
 *   org.springframework.boot.loader.launch.PropertiesLauncher \
 *   --url http://127.0.0.1:8080 --header "X-API-Key: $KEY" --platform &lt;id&gt; \
 *   [--inputs '{"chainId": "L1"}'] [--mutating]
 * </pre>
 */
public final class ConformanceCli {

    private ConformanceCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the kit as the arguments say, printing to {@code out}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        String url = "http://127.0.0.1:8080";
        String target = null;
        String inputs = null;
        boolean mutating = false;
        List<String[]> headers = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--url" -> url = args[++i];
                    case "--platform" -> target = "/api/v1/platforms/" + args[++i] + "/conformance";
                    case "--chain" -> target = "/api/v1/chains/" + args[++i] + "/conformance";
                    case "--inputs" -> inputs = args[++i];
                    case "--mutating" -> mutating = true;
                    case "--header" -> {
                        String header = args[++i];
                        int colon = header.indexOf(':');
                        if (colon < 1) {
                            throw new IllegalArgumentException("--header needs 'Name: value'");
                        }
                        headers.add(new String[] {header.substring(0, colon).strip(), header.substring(colon + 1).strip()});
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            out.println("usage: ConformanceCli --url <ChainWatch URL> --header 'X-API-Key: <key>' "
                    + "(--platform <id> | --chain <id>) [--inputs '<JSON object>'] [--mutating]");
            return 2;
        }
        if (target == null) {
            out.println("error: give --platform <id> or --chain <id>");
            return 2;
        }
        JsonMapper json = JsonMapper.builder().build();
        String body = "{\"inputs\": " + (inputs == null ? "null" : inputs) + ", \"mutating\": " + mutating + "}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + target))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(h -> request.header(h[0], h[1]));
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            out.println("error: " + url + " did not answer: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
        if (response.statusCode() != 200) {
            out.println("error: HTTP " + response.statusCode() + ": " + response.body());
            return 2;
        }
        JsonNode report = json.readTree(response.body());
        out.println("conformance of " + report.path("kind").asString() + " '" + report.path("name").asString() + "' ("
                + report.path("id").asString() + ")" + (report.path("mutating").asBoolean() ? ", mutating" : ""));
        for (JsonNode op : report.path("operations")) {
            String reason = op.path("reason").isString() ? "  " + op.path("reason").asString() : "";
            out.printf("%-11s %-16s%s%n", op.path("outcome").asString(), op.path("operation").asString(), reason);
            if ("FAIL".equals(op.path("outcome").asString())) {
                for (JsonNode exchange : op.path("exchanges")) {
                    out.println("    > " + exchange.path("method").asString() + " " + exchange.path("path").asString()
                            + " [" + exchange.path("authentication").asString() + "]"
                            + (exchange.path("requestBody").isString() ? " " + exchange.path("requestBody").asString() : ""));
                    out.println("    < " + exchange.path("status").asInt() + " " + exchange.path("responseBody").asString());
                }
            }
        }
        out.printf("passed %d, failed %d, unsupported %d, skipped %d%n", report.path("passed").asInt(),
                report.path("failed").asInt(), report.path("unsupported").asInt(), report.path("skipped").asInt());
        return report.path("failed").asInt() > 0 ? 1 : 0;
    }
}
