package io.chainwatch.collector.publish;

import io.chainwatch.collector.poll.SampleListener;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Sends each sample as JSON to {@code chainwatch.samples}, key = chain id (one chain's nodes stay together). */
@Component
public class KafkaSamplePublisher implements SampleListener {

    private static final Logger log = LoggerFactory.getLogger(KafkaSamplePublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;

    public KafkaSamplePublisher(KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    @Override
    public void onSample(NodeTarget target, NodeSample sample) {
        // straight to UTF-8 bytes: no String built and then encoded again by a serializer
        byte[] value = json.writeValueAsBytes(sample);
        kafka.send(Topics.SAMPLES, sample.chainId(), value).whenComplete((result, error) -> {
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
