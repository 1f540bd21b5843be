package io.chainwatch.alert.lifecycle;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of an alert: pending → firing → acknowledged → resolved.
 * <ul>
 *   <li>{@link #PENDING}: the rule's condition holds, but not yet for its {@code forSeconds}; nothing is announced.
 *       It becomes {@link #FIRING} when the condition has held long enough, or — when the condition clears first —
 *       it is dropped without any notification (an alert that never fired disappears; one that fired before shows
 *       its last, resolved episode again). Pending alerts are the evaluator's conditions (table
 *       {@code pending_condition}), shown by the alert API; they are not stored as alert rows.</li>
 *   <li>{@link #FIRING}: announced; someone may acknowledge it, or it resolves.</li>
 *   <li>{@link #ACKNOWLEDGED}: someone took it: no repeats, no escalation; its resolution is still announced.</li>
 *   <li>{@link #RESOLVED}: over; the condition may hold again later (pending, then a new firing episode).</li>
 * </ul>
 */
public enum AlertStatus {
    PENDING,
    FIRING,
    ACKNOWLEDGED,
    RESOLVED;

    /** Whether an alert in this state may move to {@code next}. */
    public boolean canMoveTo(AlertStatus next) {
        return switch (this) {
            case PENDING -> next == FIRING || next == RESOLVED;
            case FIRING -> next == ACKNOWLEDGED || next == RESOLVED;
            case ACKNOWLEDGED -> next == RESOLVED;
            case RESOLVED -> next == PENDING || next == FIRING;
        };
    }

    /** The states from which an alert may move to {@code next}. */
    public static Set<AlertStatus> movingTo(AlertStatus next) {
        Set<AlertStatus> out = EnumSet.noneOf(AlertStatus.class);
        for (AlertStatus s : values()) {
            if (s.canMoveTo(next)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether the alert is open: announced and not resolved. */
    public boolean open() {
        return this == FIRING || this == ACKNOWLEDGED;
    }
}
