package io.chainwatch.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does to sign in at the provider with the authorization code flow and PKCE (S256): authorize,
 * fill in the sign-in form (with its CSRF token and the session cookie), follow the redirect back to the client's
 * callback with the code, and exchange the code and verifier for tokens. Redirects are followed by hand so that each
 * step can be checked.
 */
final class OidcSignIn {

    /** The outcome: the sign-in form's answer and, when it succeeded, the token response's body. */
    record Result(int loginStatus, HttpResponse<String> login, String tokenBody) {
    }

    private final String issuer;
    private final String clientId;
    private final String redirectUri;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    OidcSignIn(String issuer, String clientId, String redirectUri) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
    }

    Result signIn(String username, String password) throws IOException, InterruptedException {
        String verifier = random();
        String state = random();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        HttpResponse<String> authorize = get(issuer + "/oauth2/authorize?" + form(Map.of("response_type", "code",
                "client_id", clientId, "redirect_uri", redirectUri, "scope", "openid profile", "state", state,
                "code_challenge", challenge, "code_challenge_method", "S256")));
        expectRedirect(authorize, "/login");
        HttpResponse<String> page = get(issuer + "/login");
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page: " + page.body());
        }
        HttpResponse<String> login = post(issuer + "/login", form(Map.of("username", username, "password", password,
                "_csrf", csrf.group(1))));
        String next = login.headers().firstValue("Location").orElse("");
        if (login.statusCode() != 302 || next.contains("/login")) {
            return new Result(login.statusCode(), login, null);
        }
        HttpResponse<String> back = get(next.startsWith("http") ? next : issuer + next);
        String callback = back.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("no redirect to the client: " + back.statusCode() + " " + back.body()));
        if (!callback.startsWith(redirectUri)) {
            throw new IllegalStateException("redirected to " + callback + ", not to " + redirectUri);
        }
        Map<String, String> params = query(URI.create(callback).getRawQuery());
        if (!state.equals(params.get("state"))) {
            throw new IllegalStateException("state not returned: " + callback);
        }
        HttpResponse<String> token = post(issuer + "/oauth2/token", form(Map.of("grant_type", "authorization_code",
                "code", params.get("code"), "redirect_uri", redirectUri, "client_id", clientId,
                "code_verifier", verifier)));
        if (token.statusCode() != 200) {
            throw new IllegalStateException("token exchange failed: " + token.statusCode() + " " + token.body());
        }
        return new Result(login.statusCode(), login, token.body());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void expectRedirect(HttpResponse<String> response, String to) {
        if (response.statusCode() != 302 || !response.headers().firstValue("Location").orElse("").contains(to)) {
            throw new IllegalStateException("expected a redirect to " + to + ", got " + response.statusCode() + " "
                    + response.headers().map() + " " + response.body());
        }
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String raw) {
        return java.util.Arrays.stream(raw.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> java.net.URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> p.length > 1 ? java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
