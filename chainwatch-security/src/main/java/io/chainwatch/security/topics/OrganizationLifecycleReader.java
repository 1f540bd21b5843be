package io.chainwatch.security.topics;

import java.util.UUID;

import io.chainwatch.events.OrganizationLifecycle;
import io.chainwatch.events.Topics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a record of {@link Topics#ORGANIZATIONS} the way every consuming service must: a tombstone is nothing to do,
 * a record that is not an {@link OrganizationLifecycle} with an organization id that is a UUID is logged and skipped
 * (it can never become readable, so delivering it again would stop the partition).
 */
public final class OrganizationLifecycleReader {

    private static final Log log = LogFactory.getLog(OrganizationLifecycleReader.class);

    /** A readable record: the organization's id and its state. */
    public record Read(UUID orgId, OrganizationLifecycle lifecycle) {
    }

    private final JsonMapper json;

    public OrganizationLifecycleReader(JsonMapper json) {
        this.json = json;
    }

    /** The record's organization and state, or {@code null} for a tombstone or a malformed record (logged). */
    public Read read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            OrganizationLifecycle lifecycle = json.readValue(record.value(), OrganizationLifecycle.class);
            return new Read(UUID.fromString(lifecycle.orgId()), lifecycle);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            log.warn("Skipping malformed organization state at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + ": " + e.getMessage());
            return null;
        }
    }
}
