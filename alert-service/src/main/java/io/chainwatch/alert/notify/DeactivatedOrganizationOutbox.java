package io.chainwatch.alert.notify;

import io.chainwatch.alert.organization.OrganizationDeactivated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When an organization is deactivated, its messages still waiting in the outbox (enqueued before, e.g. while a
 * channel was down) are given up with the error "not sent: the organization was deactivated": nothing more reaches
 * its people. Alerts evaluated while it stays deactivated are not enqueued at all ({@link NotificationPlanner}).
 */
@Component
class DeactivatedOrganizationOutbox {

    private static final Logger log = LoggerFactory.getLogger(DeactivatedOrganizationOutbox.class);

    private final OutboxRepository outbox;

    DeactivatedOrganizationOutbox(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void onDeactivated(OrganizationDeactivated event) {
        int dropped = outbox.giveUpWaitingOf(event.orgId(), "not sent: the organization was deactivated");
        if (dropped > 0) {
            log.info("Organization {} deactivated: {} waiting notification(s) given up", event.orgId(), dropped);
        }
    }
}
