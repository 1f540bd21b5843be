package io.chainwatch.alert.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleReaderTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final SampleReader reader = new SampleReader(json);

    @Test
    void readsWhatTheCollectorWritesAsDataBindingDoes() {
        NodeSample full = new NodeSample(id("n1"), id("c1"), id("o1"), 1_733_000_000_123L, PollOutcome.OK, null,
                Map.of(Readings.BLOCK_HEIGHT, 123.0, Readings.PEER_COUNT, 25.0, Readings.RPC_LATENCY_MS, 2.5),
                Map.of(Readings.CLIENT_VERSION, "anvil/v1"), List.of("txpool.pending"), "mychannel");
        NodeSample failed = new NodeSample(id("n2"), id("c1"), id("o1"), 5L, PollOutcome.REFUSED, "connection refused",
                null, null, null, null);
        for (NodeSample s : List.of(full, failed)) {
            byte[] bytes = json.writeValueAsBytes(s);
            assertThat(reader.read(bytes)).isEqualTo(s).isEqualTo(json.readValue(bytes, NodeSample.class));
        }
    }

    @Test
    void skipsUnknownFieldsAndNullReadingsAndReadsNumbersGivenAsText() {
        NodeSample s = reader.read(bytes("""
                {"nodeId":"%s","chainId":"%s","orgId":null,"polledAtMs":7,"outcome":"ERRORING","error":"x",
                 "newField":{"a":[1,{"b":2}]},"readings":{"block.height":"NaN","peer.count":3,"gone":null},
                 "unsupported":[],"later":"ignored"}""".formatted(id("n"), id("c"))));
        assertThat(s.nodeId()).isEqualTo(id("n"));
        assertThat(s.chainId()).isEqualTo(id("c"));
        assertThat(s.outcome()).isEqualTo(PollOutcome.ERRORING);
        assertThat(s.reading("block.height")).isNaN();
        assertThat(s.readings()).containsEntry("peer.count", 3.0).doesNotContainKey("gone");
        assertThat(s.info()).isEmpty();
        assertThat(s.channel()).isNull();
    }

    @Test
    void aNameGivenTwiceKeepsItsLastValueAndAFabricPeerSManyReadingsAllArrive() {
        NodeSample twice = reader.read(bytes("""
                {"nodeId":"%s","chainId":"%s","outcome":"OK",
                 "readings":{"peer.count":1,"block.height":5,"peer.count":2},
                 "info":{"a":"x","a":"y"}}""".formatted(id("n"), id("c"))));
        assertThat(twice.readings()).containsExactlyInAnyOrderEntriesOf(Map.of("peer.count", 2.0, "block.height", 5.0));
        assertThat(twice.info()).containsExactlyEntriesOf(Map.of("a", "y"));
        java.util.Map<String, Double> many = new java.util.HashMap<>();
        for (int i = 0; i < 100; i++) {
            many.put("metric.m" + i, (double) i);
        }
        NodeSample s = new NodeSample(id("n"), id("c"), id("o"), 1, PollOutcome.OK, null, many, Map.of(), List.of(),
                null);
        assertThat(reader.read(json.writeValueAsBytes(s))).isEqualTo(s);
    }

    @Test
    void malformedInputUnknownOutcomesAndIdsThatAreNoUuidAreRejected() {
        for (String bad : List.of("[1]", "{\"nodeId\":\"n\"", "{\"outcome\":\"SOMETHING_NEW\"}",
                "{\"readings\":{\"a\":true}}", "not json", "{\"nodeId\":\"node-1\"}", "{\"nodeId\":\"1-2-3-4-5\"}",
                "{\"chainId\":\"" + id("c") + "x\"}")) {
            assertThatThrownBy(() -> reader.read(bytes(bad))).as(bad).isInstanceOf(JacksonException.class);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
