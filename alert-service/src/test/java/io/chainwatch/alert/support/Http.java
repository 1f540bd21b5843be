package io.chainwatch.alert.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.chainwatch.testkit.TestCallers;

/**
 * A tiny JSON HTTP client for the REST tests. It plays the gateway: every request carries an internal token, a
 * platform admin's by default ({@link #post(String, String)} ...), or the given one ({@link #as(String)}; null =
 * no token at all).
 */
public final class Http {

    /** The service name internal tokens are issued for (its spring.application.name). */
    public static final String SERVICE = "alert-service";

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final String token;

    private Http(String token) {
        this.token = token;
    }

    /** Requests with {@code token} as the internal token; null sends none. */
    public static Http as(String token) {
        return new Http(token);
    }

    /** A platform admin's token for this service. */
    public static String admin() {
        return TestCallers.platformAdmin(SERVICE);
    }

    public static HttpResponse<String> post(String url, String json) {
        return as(admin()).postJson(url, json);
    }

    public static HttpResponse<String> get(String url) {
        return as(admin()).getJson(url);
    }

    public static HttpResponse<String> delete(String url) {
        return as(admin()).deleteJson(url);
    }

    public HttpResponse<String> postJson(String url, String json) {
        return send(builder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> putJson(String url, String json) {
        return send(builder(url).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> getJson(String url) {
        return send(builder(url).GET().build());
    }

    public HttpResponse<String> deleteJson(String url) {
        return send(builder(url).DELETE().build());
    }

    private HttpRequest.Builder builder(String url) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header(TestCallers.HEADER, token);
        }
        return b;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
