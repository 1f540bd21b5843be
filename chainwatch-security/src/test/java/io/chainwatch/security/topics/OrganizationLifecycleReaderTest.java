package io.chainwatch.security.topics;

import java.util.UUID;

import io.chainwatch.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class OrganizationLifecycleReaderTest {

    private final OrganizationLifecycleReader reader = new OrganizationLifecycleReader(JsonMapper.builder().build());

    @Test
    void readsStatesAndDeletionsAndSkipsTombstonesAndWhatCannotBeRead() {
        UUID org = UUID.randomUUID();
        OrganizationLifecycleReader.Read deactivated = reader.read(record(
                "{\"orgId\":\"" + org + "\",\"state\":\"DEACTIVATED\",\"atMs\":5}"));
        assertThat(deactivated.orgId()).isEqualTo(org);
        assertThat(deactivated.lifecycle().deactivated()).isTrue();
        assertThat(deactivated.lifecycle().deleted()).isFalse();
        assertThat(reader.read(record("{\"orgId\":\"" + org + "\",\"state\":\"DEACTIVATED\",\"atMs\":5,\"deletedAtMs\":6}"))
                .lifecycle().deleted()).isTrue();
        assertThat(reader.read(record(null))).isNull();
        assertThat(reader.read(record("{\"orgId\":\"not-a-uuid\",\"state\":\"ACTIVE\",\"atMs\":1}"))).isNull();
        assertThat(reader.read(record("{\"state\":\"ACTIVE\"}"))).isNull();
        assertThat(reader.read(record("not json"))).isNull();
    }

    private static ConsumerRecord<String, String> record(String value) {
        return new ConsumerRecord<>(Topics.ORGANIZATIONS, 0, 7L, "k", value);
    }
}
