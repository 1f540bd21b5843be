package io.chainwatch.alert.lifecycle;

import org.junit.jupiter.api.Test;

import static io.chainwatch.alert.lifecycle.AlertStatus.ACKNOWLEDGED;
import static io.chainwatch.alert.lifecycle.AlertStatus.FIRING;
import static io.chainwatch.alert.lifecycle.AlertStatus.PENDING;
import static io.chainwatch.alert.lifecycle.AlertStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import io.chainwatch.alert.lifecycle.AlertRepository;
import io.chainwatch.alert.lifecycle.AlertStatus;

/** The lifecycle pending → firing → acknowledged → resolved and the conditions the repository derives from it. */
class AlertStatusTest {

    @Test
    void allowedTransitions() {
        assertThat(AlertStatus.movingTo(PENDING)).containsExactly(RESOLVED);
        assertThat(AlertStatus.movingTo(FIRING)).containsExactly(PENDING, RESOLVED);
        assertThat(AlertStatus.movingTo(ACKNOWLEDGED)).containsExactly(FIRING);
        assertThat(AlertStatus.movingTo(RESOLVED)).containsExactly(PENDING, FIRING, ACKNOWLEDGED);
        assertThat(ACKNOWLEDGED.canMoveTo(FIRING)).as("no un-acknowledging").isFalse();
        assertThat(PENDING.canMoveTo(ACKNOWLEDGED)).as("only what fired can be acknowledged").isFalse();
        assertThat(FIRING.open()).isTrue();
        assertThat(PENDING.open()).isFalse();
    }

    @Test
    void storedStatusChangesAreConditionalOnTheAllowedSources() {
        assertThat(AlertRepository.storedFrom(FIRING)).containsExactly("RESOLVED");
        assertThat(AlertRepository.storedFrom(ACKNOWLEDGED)).containsExactly("FIRING");
        assertThat(AlertRepository.storedFrom(RESOLVED)).containsExactly("FIRING", "ACKNOWLEDGED");
    }
}
