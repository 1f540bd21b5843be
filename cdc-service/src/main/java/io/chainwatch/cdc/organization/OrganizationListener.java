package io.chainwatch.cdc.organization;

import java.time.Instant;
import java.util.UUID;

import io.chainwatch.cdc.source.ReaderControl;
import io.chainwatch.cdc.source.SourceService;
import io.chainwatch.events.OrganizationLifecycle;
import io.chainwatch.events.Topics;
import io.chainwatch.security.topics.OrganizationLifecycleReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@link Topics#ORGANIZATIONS} as group {@value #GROUP}, from the earliest record when the group is new (the
 * topic is compacted: a new instance learns every organization's latest state).
 * <ul>
 *   <li>Every record's state is recorded ({@link OrganizationStates}, the newer record wins): while an organization is
 *       deactivated its sources are not read (their readers stop: here at once, on other instances at their next
 *       check); their replication slots are kept, so after reactivation the rows committed meanwhile are read from
 *       where reading stopped, as after an outage of the source.</li>
 *   <li>On a deletion record ({@code deletedAtMs} set) every CDC source of the organization is stopped and deleted,
 *       its slot and publication dropped ({@link SourceService#deleteAllOf}; other instances' readers stop at their
 *       next check, the source being gone), and its quota overrides forgotten. Repeating it deletes nothing more.</li>
 * </ul>
 * A malformed record is logged and skipped; when the database cannot be written the record is delivered again with
 * backoff.
 */
@Component
public class OrganizationListener {

    /** Consumer group of the CDC service on the organizations topic. */
    public static final String GROUP = "chainwatch-cdc-organizations";

    private static final Logger log = LoggerFactory.getLogger(OrganizationListener.class);

    private final OrganizationLifecycleReader reader;
    private final SourceService sources;
    private final JdbcClient jdbc;
    private final OrganizationStates states;
    private final ReaderControl readers;

    OrganizationListener(JsonMapper json, SourceService sources, JdbcClient jdbc, OrganizationStates states,
                         ReaderControl readers) {
        this.reader = new OrganizationLifecycleReader(json);
        this.sources = sources;
        this.jdbc = jdbc;
        this.states = states;
        this.readers = readers;
    }

    @KafkaListener(id = "cdc-organizations", topics = Topics.ORGANIZATIONS, groupId = GROUP,
            containerFactory = "organizationsContainerFactory", properties = "auto.offset.reset=earliest")
    public void onLifecycle(ConsumerRecord<String, String> record) {
        OrganizationLifecycleReader.Read read = reader.read(record);
        if (read == null) {
            return;
        }
        OrganizationLifecycle lifecycle = read.lifecycle();
        UUID orgId = read.orgId();
        if (states.record(orgId, lifecycle.deactivated(), Instant.ofEpochMilli(lifecycle.atMs()))) {
            log.info("Organization {} is {}: its CDC sources are {}", orgId, lifecycle.state(),
                    lifecycle.deactivated() ? "not read" : "read again");
            readers.refresh();
        }
        if (!lifecycle.deleted()) {
            return;
        }
        int deleted = sources.deleteAllOf(orgId);
        jdbc.sql("delete from cdc.quota_override where org_id = :org").param("org", orgId).update();
        if (deleted > 0) {
            log.info("Organization {} deleted: {} CDC source(s) stopped and deleted", orgId, deleted);
        }
    }
}
