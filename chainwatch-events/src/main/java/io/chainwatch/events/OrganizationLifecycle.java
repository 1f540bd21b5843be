package io.chainwatch.events;

/**
 * The state of an organization, on {@link Topics#ORGANIZATIONS} (compacted, key = organization id): the registry
 * publishes one whenever a platform admin deactivates, reactivates or deletes an organization, so that the other
 * services follow it (the alert service sends no notifications for a deactivated organization, and forgets a deleted
 * one's rules, receivers and alerts; the CDC service reads no source of a deactivated one, and stops and forgets a
 * deleted one's sources). The latest record of an organization is its state; a service that was down catches up by
 * reading the topic.
 *
 * <p>A deleted organization is published with state {@code DEACTIVATED} and {@code deletedAtMs} set (it is deleted
 * only once deactivated, and stays so): a consumer that predates {@code deletedAtMs} ignores the field and keeps it
 * deactivated, where a new state value would have read as "working" to it.
 *
 * @param orgId       the organization's registry id (the Kafka key)
 * @param state       {@code ACTIVE} or {@code DEACTIVATED}
 * @param atMs        when it changed, epoch milliseconds
 * @param deletedAtMs when a platform admin deleted it, epoch milliseconds; {@code null} (absent in older records)
 *                    while it exists
 */
public record OrganizationLifecycle(String orgId, String state, long atMs, Long deletedAtMs) {

    public static final String ACTIVE = "ACTIVE";
    public static final String DEACTIVATED = "DEACTIVATED";

    /** An active or deactivated organization (not deleted). */
    public OrganizationLifecycle(String orgId, String state, long atMs) {
        this(orgId, state, atMs, null);
    }

    /** The record of a deleted organization: deactivated, and deleted at {@code atMs}. */
    public static OrganizationLifecycle deleted(String orgId, long atMs) {
        return new OrganizationLifecycle(orgId, DEACTIVATED, atMs, atMs);
    }

    /** Whether the organization is deactivated (anything but {@code DEACTIVATED} counts as working). */
    public boolean deactivated() {
        return DEACTIVATED.equals(state);
    }

    /** Whether a platform admin deleted the organization (then it is deactivated too). */
    public boolean deleted() {
        return deletedAtMs != null;
    }
}
