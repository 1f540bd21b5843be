package io.chainwatch.alert.support;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.chainwatch.events.NodeTarget;

import static org.assertj.core.api.Assertions.assertThat;

/** Small helpers shared by the integration tests. */
public final class ITSupport {

    private ITSupport() {
    }

    public static GreenMail greenMail(int port) {
        return new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    /** A new node of the chain; the ids are UUIDs' text, as the tests keep them for JSON. */
    public static NodeTarget target(String nodeName, String orgId, String chainName, String chainId) {
        return target(nodeName, UUID.fromString(orgId), chainName, UUID.fromString(chainId));
    }

    public static NodeTarget target(String nodeName, UUID orgId, String chainName, UUID chainId) {
        return new NodeTarget(UUID.randomUUID(), nodeName, orgId, "acme-" + orgId.toString().substring(0, 4),
                chainId, chainName, "ETHEREUM", "http://127.0.0.1:8545", 250, 1, null, null, null);
    }

    /** Creates a rule through REST and returns the response body. */
    public static String createRule(AlertApp app, String type, UUID orgId, UUID chainId, int forSeconds,
                                    List<String> emailTo) {
        return createRule(app, type, orgId.toString(), chainId.toString(), forSeconds, emailTo);
    }

    /** Creates a rule through REST and returns the response body. */
    public static String createRule(AlertApp app, String type, String orgId, String chainId, int forSeconds,
                                    List<String> emailTo) {
        String to = String.join("\",\"", emailTo);
        HttpResponse<String> r = Http.post(app.url("/api/v1/rules"), """
                {"type": "%s", "orgId": "%s", "chainId": "%s", "forSeconds": %d, "severity": "critical",
                 "emailTo": ["%s"]}""".formatted(type, orgId, chainId, forSeconds, to));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r.body();
    }

    /**
     * The value of the one series of {@code name} (Prometheus name, labels ignored) on the service's
     * {@code /actuator/prometheus}; fails when it is not there.
     */
    public static double metric(AlertApp app, String name) {
        String text = Http.get(app.managementUrl("/actuator/prometheus")).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(name)
                + "(\\{[^}]*})? (\\S+)$").matcher(text);
        if (!m.find()) {
            throw new AssertionError(name + " is not in /actuator/prometheus:\n" + text);
        }
        return Double.parseDouble(m.group(2));
    }
}
