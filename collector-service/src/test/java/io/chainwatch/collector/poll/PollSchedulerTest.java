package io.chainwatch.collector.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class PollSchedulerTest {

    private static final long MAX = TimeUnit.SECONDS.toNanos(15);

    @Test
    void backoffDoublesFromTheIntervalUpToTheMaximum() {
        assertThat(ms(PollScheduler.backoffNanos(1000, 2, MAX))).isEqualTo(2000);
        assertThat(ms(PollScheduler.backoffNanos(1000, 3, MAX))).isEqualTo(4000);
        assertThat(ms(PollScheduler.backoffNanos(1000, 4, MAX))).isEqualTo(8000);
        assertThat(ms(PollScheduler.backoffNanos(1000, 5, MAX))).isEqualTo(15000);
        assertThat(ms(PollScheduler.backoffNanos(1000, 1000, MAX))).isEqualTo(15000);
        assertThat(ms(PollScheduler.backoffNanos(100, 2, MAX))).isEqualTo(200);
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
