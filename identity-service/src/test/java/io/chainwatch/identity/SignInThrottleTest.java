package io.chainwatch.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    final SignInThrottle throttle = new SignInThrottle(new IdentityProperties.Throttle(3, 5, Duration.ofMinutes(10)), clock);

    @Test
    void aUserIsBlockedAfterTheAllowedFailuresUntilTheWindowPasses() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.retryAfter("Alice", "10.0.0.1")).isZero();
            throttle.failed("alice", "10.0.0.1");
        }
        now.set(now.get().plusSeconds(60));
        assertThat(throttle.retryAfter("ALICE", "10.0.0.2")).isEqualTo(Duration.ofMinutes(9));
        assertThat(throttle.retryAfter("bob", "10.0.0.2")).isZero();
        now.set(now.get().plus(Duration.ofMinutes(9)));
        assertThat(throttle.retryAfter("alice", "10.0.0.2")).isZero();
    }

    @Test
    void aSourceIsBlockedAfterFailuresForManyNames() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.0.0.9");
        }
        assertThat(throttle.retryAfter("someone-else", "10.0.0.9")).isPositive();
        assertThat(throttle.retryAfter("someone-else", "10.0.0.8")).isZero();
    }

    @Test
    void successClearsTheUsersCount() {
        throttle.failed("carol", "10.0.0.1");
        throttle.failed("carol", "10.0.0.1");
        throttle.succeeded("carol");
        throttle.failed("carol", "10.0.0.1");
        throttle.failed("carol", "10.0.0.1");
        assertThat(throttle.retryAfter("carol", "10.0.0.1")).isZero();
    }
}
