package io.chainwatch.cdc.publish;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.chainwatch.cdc.source.CdcSource;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.SampleCodec;
import io.chainwatch.events.Topics;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes samples to {@code chainwatch.samples} (key = chain id, the sample in its binary form, {@link SampleCodec})
 * with the source's checkpoint, atomically.
 */
@Component
public class SamplePublisher {

    private final KafkaTemplate<String, byte[]> kafka;

    public SamplePublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /**
     * Publishes the samples of one source transaction and moves the source's checkpoint to {@code endLsn}, in one
     * Kafka transaction; returns when it is committed.
     */
    public void publish(CdcSource source, List<NodeSample> samples, long endLsn) {
        kafka.executeInTransaction(ops -> {
            for (NodeSample sample : samples) {
                ops.send(Topics.SAMPLES, source.chainId().toString(), SampleCodec.encode(sample));
            }
            ops.send(KafkaTopicsConfig.CHECKPOINTS, source.id().toString(),
                    Long.toString(endLsn).getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    /** Reports that a source could not be read, as a sample with that outcome (so rules and dashboards see it). */
    public void publishOutcome(CdcSource source, PollOutcome outcome, String error) {
        NodeSample sample = new NodeSample(source.id(), source.chainId(), source.orgId(), System.currentTimeMillis(),
                outcome, error, Map.of(), Map.of("cdc.source", source.name()), List.of(), null);
        kafka.executeInTransaction(ops -> ops.send(Topics.SAMPLES, source.chainId().toString(),
                SampleCodec.encode(sample)));
    }
}
