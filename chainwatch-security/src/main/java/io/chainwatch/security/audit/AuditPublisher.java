package io.chainwatch.security.audit;

import io.chainwatch.events.AuditEntry;

/** Where a service's audit entries go (Kafka in the services; a list in unit tests). Must not throw. */
@FunctionalInterface
public interface AuditPublisher {

    void publish(AuditEntry entry);
}
