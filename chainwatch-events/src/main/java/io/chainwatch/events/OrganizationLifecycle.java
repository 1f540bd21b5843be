package io.chainwatch.events;

/**
 * The state of an organization, on {@link Topics#ORGANIZATIONS} (compacted, key = organization id): the registry
 * publishes one whenever a platform admin deactivates or reactivates an organization, so that the other services
 * follow it (the alert service sends no notifications for a deactivated organization). The latest record of an
 * organization is its state; a service that was down catches up by reading the topic.
 *
 * @param orgId the organization's registry id (the Kafka key)
 * @param state {@code ACTIVE} or {@code DEACTIVATED}
 * @param atMs  when it changed, epoch milliseconds
 */
public record OrganizationLifecycle(String orgId, String state, long atMs) {

    public static final String ACTIVE = "ACTIVE";
    public static final String DEACTIVATED = "DEACTIVATED";

    /** Whether the organization is deactivated (anything but {@code DEACTIVATED} counts as working). */
    public boolean deactivated() {
        return DEACTIVATED.equals(state);
    }
}
