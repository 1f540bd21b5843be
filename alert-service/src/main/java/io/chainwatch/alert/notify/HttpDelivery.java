package io.chainwatch.alert.notify;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import io.chainwatch.security.SecretUrls;
import io.chainwatch.security.UrlGuard;

/**
 * HTTP POST for the HTTP-based channels, with the usual retry classification: connection failures, timeouts,
 * 429 and 5xx are worth retrying; other 4xx are not. A channel may inspect a 2xx body for its own error codes.
 *
 * <p>Redirects are never followed: the URL was checked ({@code UrlGuard}) when the receiver was created, a
 * redirect's target was not — following it would let a webhook bounce ChainWatch to an internal address (a cloud
 * metadata service, an admin port). A 3xx answer is a failed delivery that is <em>not</em> retried: it is the
 * receiving server's configuration, the same on every attempt, and retrying would only knock on the redirect again;
 * it counts towards the channel-failure meta-alert, and the receiver's URL has to be fixed.
 *
 * <p>The URL carries the robot's access token: an error never quotes it whole ({@link SecretUrls#mask}).
 */
public final class HttpDelivery {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpDelivery() {
    }

    /**
     * POSTs {@code body}; on a 2xx answer returns {@code onSuccess} applied to the response body.
     */
    public static Notifier.Result post(String url, String contentType, String body, Map<String, String> headers,
                                       Function<String, Notifier.Result> onSuccess) {
        return post(url, contentType, body, headers, onSuccess, null);
    }

    /**
     * As {@link #post(String, String, String, Map, Function)}, but first checks where the URL's host resolves to
     * now with {@code guard} (null: no check): a name that pointed to a public address when the receiver was
     * created may point elsewhere today. An address the guard refuses is a permanent failure; a name that does not
     * resolve is retried.
     */
    public static Notifier.Result post(String url, String contentType, String body, Map<String, String> headers,
                                       Function<String, Notifier.Result> onSuccess, UrlGuard guard) {
        if (guard != null) {
            Notifier.Result refused = refused(url, guard);
            if (refused != null) {
                return refused;
            }
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        } catch (IllegalArgumentException e) {
            return Notifier.Result.giveUp("bad URL " + SecretUrls.mask(url) + ": " + reason(e));
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return onSuccess.apply(response.body());
            }
            if (status >= 300 && status < 400) {
                return Notifier.Result.giveUp("HTTP " + status + ": redirect not followed (to "
                        + response.headers().firstValue("Location").map(HttpDelivery::abbreviate).orElse("nowhere")
                        + "); the receiver's URL must be the final one");
            }
            String error = "HTTP " + status + ": " + abbreviate(response.body());
            return status == 429 || status >= 500 || status == 408 ? Notifier.Result.retry(error)
                    : Notifier.Result.giveUp(error);
        } catch (IOException e) {
            return Notifier.Result.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Notifier.Result.retry("interrupted");
        }
    }

    private static Notifier.Result refused(String url, UrlGuard guard) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return Notifier.Result.giveUp("bad URL " + SecretUrls.mask(url) + ": " + reason(e));
        }
        if (host == null) {
            return Notifier.Result.giveUp("the URL names no host");
        }
        try {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            for (InetAddress address : InetAddress.getAllByName(bare)) {
                String problem = guard.problem(address);
                if (problem != null) {
                    return Notifier.Result.giveUp("not sent: the receiver's host now " + problem);
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return Notifier.Result.retry("host " + host + " does not resolve");
        }
    }

    /** Why a URL was refused, without the URL (the exception's message quotes it, access token included). */
    private static String reason(IllegalArgumentException e) {
        return e.getCause() instanceof java.net.URISyntaxException syntax
                ? syntax.getReason() + " at index " + syntax.getIndex() : "not a valid URI";
    }

    public static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
