package io.chainwatch.cdc.publish;

import java.util.List;
import java.util.Map;

import io.chainwatch.cdc.source.CdcSource;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Topics;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes samples to {@code chainwatch.samples} (key = chain id) with the source's checkpoint, atomically. */
@Component
public class SamplePublisher {

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;

    public SamplePublisher(KafkaTemplate<String, String> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    /**
     * Publishes the samples of one source transaction and moves the source's checkpoint to {@code endLsn}, in one
     * Kafka transaction; returns when it is committed.
     */
    public void publish(CdcSource source, List<NodeSample> samples, long endLsn) {
        kafka.executeInTransaction(ops -> {
            for (NodeSample sample : samples) {
                ops.send(Topics.SAMPLES, source.chainId().toString(), json.writeValueAsString(sample));
            }
            ops.send(KafkaTopicsConfig.CHECKPOINTS, source.id().toString(), Long.toString(endLsn));
            return null;
        });
    }

    /** Reports that a source could not be read, as a sample with that outcome (so rules and dashboards see it). */
    public void publishOutcome(CdcSource source, PollOutcome outcome, String error) {
        NodeSample sample = new NodeSample(source.id().toString(), source.chainId().toString(),
                source.orgId().toString(), System.currentTimeMillis(), outcome, error, Map.of(),
                Map.of("cdc.source", source.name()), List.of(), null);
        kafka.executeInTransaction(ops -> ops.send(Topics.SAMPLES, source.chainId().toString(),
                json.writeValueAsString(sample)));
    }
}
