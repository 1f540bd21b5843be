package io.chainwatch.registry.nodestatus;

import java.util.ArrayList;
import java.util.List;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.SampleCodec;
import io.chainwatch.events.Topics;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code chainwatch.samples} in its own consumer group ({@code chainwatch.registry.node-status.consumer-group})
 * and applies each poll's records in one transaction ({@link NodeStatusUpdater#apply}); the offsets are committed after
 * it. A new group starts at the end of the topic (replaying days of samples would only rebuild the same latest state).
 */
@Component
class SamplesConsumer {

    /** Listener id, to find its container in the {@code KafkaListenerEndpointRegistry}. */
    static final String LISTENER_ID = "chainwatch-node-status";

    private static final Logger log = LoggerFactory.getLogger(SamplesConsumer.class);

    private final NodeStatusUpdater updater;
    private final DiscoveredChannels discovered;
    private final JsonMapper json;

    SamplesConsumer(NodeStatusUpdater updater, DiscoveredChannels discovered, JsonMapper json) {
        this.updater = updater;
        this.discovered = discovered;
        this.json = json;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.SAMPLES, batch = "true",
            groupId = "${chainwatch.registry.node-status.consumer-group:chainwatch-registry-node-status}",
            properties = {"auto.offset.reset=latest", "max.poll.records=1000",
                    "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                    "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer"})
    void onSamples(List<ConsumerRecord<String, byte[]>> records) {
        List<NodeSample> samples = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue;
            }
            try {
                samples.add(SampleCodec.read(record.value(), bytes -> json.readValue(bytes, NodeSample.class)));
            } catch (JacksonException e) {
                log.warn("unreadable sample at {}-{}@{} skipped: {}", record.topic(), record.partition(),
                        record.offset(), e.getOriginalMessage());
            } catch (IllegalArgumentException e) {
                log.warn("unreadable sample at {}-{}@{} skipped: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        updater.apply(samples);
        discovered.apply(samples);
    }
}
