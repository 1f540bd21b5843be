package io.chainwatch.collector.publish;

import java.util.Objects;

import io.chainwatch.collector.poll.SampleListener;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.SampleCodec;
import io.chainwatch.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends each sample in its binary form ({@link SampleCodec}) to {@code chainwatch.samples}, key = chain id as a UUID's
 * text (one chain's nodes stay together).
 */
@Component
public class KafkaSamplePublisher implements SampleListener {

    private static final Logger log = LoggerFactory.getLogger(KafkaSamplePublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    public KafkaSamplePublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    @Override
    public void onSample(NodeTarget target, NodeSample sample) {
        byte[] value = SampleCodec.encode(sample);
        kafka.send(Topics.SAMPLES, Objects.toString(sample.chainId(), null), value).whenComplete((result, error) -> {
            if (error != null) {
                log.warn("sample of node {} not sent to {}: {}", sample.nodeId(), Topics.SAMPLES, error.getMessage());
            }
        });
    }

    @Override
    public void onNodeRemoved(NodeTarget target) {
        // nothing held per node
    }
}
