package io.chainwatch.registry.outbox;

import java.time.Instant;

import io.chainwatch.registry.RegistryProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes outbox rows published longer ago than {@code chainwatch.registry.outbox.retention}. */
@Component
public class OutboxCleaner {

    private static final Logger log = LoggerFactory.getLogger(OutboxCleaner.class);

    private final OutboxRepository outbox;
    private final RegistryProperties.Outbox settings;

    OutboxCleaner(OutboxRepository outbox, RegistryProperties properties) {
        this.outbox = outbox;
        this.settings = properties.outbox();
    }

    @Scheduled(fixedDelayString = "${chainwatch.registry.outbox.cleanup-interval:1h}")
    void scheduledCleanup() {
        try {
            cleanup();
        } catch (RuntimeException e) {
            log.warn("outbox cleanup failed; the next run retries", e);
        }
    }

    /** Deletes old published rows now (one statement); returns how many. */
    public int cleanup() {
        int deleted = outbox.deletePublishedBefore(Instant.now().minus(settings.retention()));
        if (deleted > 0) {
            log.info("deleted {} outbox rows published more than {} ago", deleted, settings.retention());
        }
        return deleted;
    }
}
