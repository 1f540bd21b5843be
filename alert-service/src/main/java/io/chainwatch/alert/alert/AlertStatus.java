package io.chainwatch.alert.alert;

/**
 * The state of an alert: firing → acknowledged (someone took it) → resolved, or firing → resolved. A resolved alert
 * may fire again later (a new episode). "Pending" — the condition holds but not yet for {@code forSeconds} — is
 * the evaluator's own state and becomes an alert only when it fires.
 */
public enum AlertStatus {
    FIRING,
    ACKNOWLEDGED,
    RESOLVED;

    /** Whether an alert in this state may move to {@code next}. */
    public boolean canMoveTo(AlertStatus next) {
        return switch (this) {
            case FIRING -> next == ACKNOWLEDGED || next == RESOLVED;
            case ACKNOWLEDGED -> next == RESOLVED;
            case RESOLVED -> next == FIRING;
        };
    }
}
