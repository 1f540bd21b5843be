package io.chainwatch.alert.notify;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import io.chainwatch.alert.notify.webhook.WebhookNotifier;
import io.chainwatch.alert.support.StubHttpServer;
import io.chainwatch.security.UrlGuard;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A webhook that answers with a redirect to an internal address: the redirect is not followed (the internal server
 * never hears of it) and the delivery fails without retry. And a host that resolves to an address the URL guard
 * refuses is not contacted at send time.
 */
class HttpDeliveryRedirectTest {

    @Test
    void aRedirectToAnInternalAddressIsNotFollowedAndNotRetried() throws IOException {
        try (StubHttpServer internal = new StubHttpServer(r -> new StubHttpServer.Answer(200, "{\"secret\":1}"))) {
            HttpServer redirecting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            List<String> hits = new java.util.concurrent.CopyOnWriteArrayList<>();
            redirecting.createContext("/", exchange -> {
                hits.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Location", internal.url("/latest/meta-data/iam"));
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            });
            redirecting.start();
            try {
                String url = "http://127.0.0.1:" + redirecting.getAddress().getPort() + "/hook";
                Notifier.Result direct = HttpDelivery.post(url, "application/json", "{}", Map.of(), body -> Notifier.Result.ok());
                WebhookNotifier webhook = new WebhookNotifier(JsonMapper.builder().build(), null);
                Notifier.Result viaChannel = webhook.send(new Notification(1, "webhook", url, "s", "{}", null, "k-1",
                        null, 0));

                for (Notifier.Result result : List.of(direct, viaChannel)) {
                    assertThat(result.sent()).isFalse();
                    assertThat(result.retryable()).as("a redirect is the server's configuration: no retry").isFalse();
                    assertThat(result.error()).startsWith("HTTP 302: redirect not followed");
                }
                assertThat(hits).hasSize(2);
                assertThat(internal.requests()).as("the internal address is never contacted").isEmpty();
            } finally {
                redirecting.stop(0);
            }
        }
    }

    @Test
    void atSendTimeTheHostIsCheckedWhereItResolvesToNow() {
        try (StubHttpServer internal = new StubHttpServer(r -> new StubHttpServer.Answer(200, ""))) {
            UrlGuard publicOnly = new UrlGuard(UrlGuard.Policy.PUBLIC_ONLY);
            Notifier.Result refused = HttpDelivery.post(internal.url("/hook"), "application/json", "{}", Map.of(),
                    body -> Notifier.Result.ok(), publicOnly);
            assertThat(refused.sent()).isFalse();
            assertThat(refused.retryable()).isFalse();
            assertThat(refused.error()).contains("loopback");
            assertThat(internal.requests()).isEmpty();

            UrlGuard loopbackAllowed = new UrlGuard(new UrlGuard.Policy(true, false, false));
            assertThat(HttpDelivery.post(internal.url("/hook"), "application/json", "{}", Map.of(),
                    body -> Notifier.Result.ok(), loopbackAllowed).sent()).isTrue();
        }
    }

    @Test
    void otherAnswersKeepTheirClassification() {
        for (int status : new int[] {500, 429, 404, 301, 307, 308}) {
            try (StubHttpServer server = new StubHttpServer(r -> new StubHttpServer.Answer(status, "x"))) {
                Notifier.Result r = HttpDelivery.post(server.url("/" + UUID.randomUUID()), "text/plain", "b", Map.of(),
                        body -> Notifier.Result.ok());
                assertThat(r.sent()).isFalse();
                assertThat(r.retryable()).as("status " + status).isEqualTo(status == 500 || status == 429);
            }
        }
    }
}
