package io.chainwatch.identity;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles guessing of passwords at the sign-in form ({@code POST /login}): after
 * {@code throttle.max-failures-per-user} failed sign-ins of one user name, or {@code max-failures-per-source} from
 * one source address, within {@code throttle.window}, every further attempt for that name or from that source is
 * answered {@code 429 Too Many Requests} with {@code Retry-After} (seconds) until the window of the first counted
 * failure has passed, without checking the password. A successful sign-in clears the user's count. Counts live in
 * memory (one provider process).
 */
@Component
public class SignInThrottle extends OncePerRequestFilter {

    /** Failures counted since {@code start}. */
    private record Window(Instant start, int failures) {
    }

    private final IdentityProperties.Throttle settings;
    private final Clock clock;
    private final Map<String, Window> byUser = new ConcurrentHashMap<>();
    private final Map<String, Window> bySource = new ConcurrentHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    public SignInThrottle(IdentityProperties properties) {
        this(properties.throttle(), Clock.systemUTC());
    }

    SignInThrottle(IdentityProperties.Throttle settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Duration wait = retryAfter(request.getParameter("username"), request.getRemoteAddr());
        if (wait.isZero()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!doctype html><html lang=\"en\"><head><title>Too many sign-in attempts</title>"
                + "</head><body><main><h1>Too many failed sign-ins</h1><p>Sign-in is paused for this user or from "
                + "this address. Try again in " + seconds + " seconds, or ask your administrator to check the "
                + "password.</p></main></body></html>");
    }

    /** How long sign-ins of {@code username} from {@code source} must still wait; zero if they may go ahead. */
    public Duration retryAfter(String username, String source) {
        Instant now = clock.instant();
        Duration user = blockedFor(byUser, key(username), settings.maxFailuresPerUser(), now);
        Duration from = blockedFor(bySource, source, settings.maxFailuresPerSource(), now);
        return user.compareTo(from) >= 0 ? user : from;
    }

    /** Counts a failed sign-in. */
    public void failed(String username, String source) {
        Instant now = clock.instant();
        count(byUser, key(username), now);
        count(bySource, source, now);
        if (byUser.size() + bySource.size() > 10_000) {
            byUser.values().removeIf(w -> expired(w, now));
            bySource.values().removeIf(w -> expired(w, now));
        }
    }

    /** A successful sign-in: the user's failures are forgotten (the source's are not). */
    public void succeeded(String username) {
        byUser.remove(key(username));
    }

    private Duration blockedFor(Map<String, Window> counts, String key, int max, Instant now) {
        if (key == null) {
            return Duration.ZERO;
        }
        Window window = counts.get(key);
        if (window == null || expired(window, now) || window.failures() < max) {
            return Duration.ZERO;
        }
        return Duration.between(now, window.start().plus(settings.window()));
    }

    private void count(Map<String, Window> counts, String key, Instant now) {
        if (key != null) {
            counts.compute(key, (k, w) -> w == null || expired(w, now) ? new Window(now, 1)
                    : new Window(w.start(), w.failures() + 1));
        }
    }

    private boolean expired(Window window, Instant now) {
        return !now.isBefore(window.start().plus(settings.window()));
    }

    private static String key(String username) {
        return username == null || username.isBlank() ? null : username.strip().toLowerCase(Locale.ROOT);
    }
}
