package io.chainwatch.alert.alert;

/** The state of an alert. An alert fires once and resolves once; a resolved alert may fire again later. */
public enum AlertStatus {
    FIRING,
    RESOLVED;

    /** Whether an alert in this state may move to {@code next}. */
    public boolean canMoveTo(AlertStatus next) {
        return switch (this) {
            case FIRING -> next == RESOLVED;
            case RESOLVED -> next == FIRING;
        };
    }
}
