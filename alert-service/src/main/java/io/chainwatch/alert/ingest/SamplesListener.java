package io.chainwatch.alert.ingest;

import java.util.ArrayList;
import java.util.List;

import io.chainwatch.alert.pipeline.EvaluationService;
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
 * Consumes {@code chainwatch.samples} as group {@code chainwatch-alert}, in batches. A sample is in its binary form
 * ({@link SampleCodec}), or JSON from a collector not upgraded yet ({@link SampleReader}).
 */
@Component
public class SamplesListener {

    /** Consumer group of the alert service on the samples topic. */
    public static final String GROUP = "chainwatch-alert";

    private static final Logger log = LoggerFactory.getLogger(SamplesListener.class);

    private final SampleReader reader;
    private final EvaluationService evaluation;

    public SamplesListener(JsonMapper json, EvaluationService evaluation) {
        this.reader = new SampleReader(json);
        this.evaluation = evaluation;
    }

    /**
     * One poll's batch: applied and evaluated; returns only once its transitions are recorded, so the offsets the
     * container commits afterwards never run ahead of the database. When recording fails, the batch is delivered
     * again (the error handler backs off, without limit).
     */
    @KafkaListener(id = "alert-samples", topics = Topics.SAMPLES, groupId = GROUP,
            containerFactory = "samplesContainerFactory")
    public void onSamples(List<ConsumerRecord<byte[], byte[]>> records) {
        List<NodeSample> samples = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            NodeSample sample = parse(record);
            if (sample != null) {
                samples.add(sample);
            }
        }
        if (!evaluation.onSamples(samples)) {
            throw new IllegalStateException("transitions of " + records.size() + " samples not recorded yet");
        }
    }

    private NodeSample parse(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            log.warn("Skipping empty sample at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return null;
        }
        try {
            NodeSample sample = SampleCodec.read(record.value(), reader::read);
            if (sample.nodeId() == null || sample.chainId() == null || sample.outcome() == null) {
                log.warn("Skipping sample without nodeId, chainId or outcome at {}-{}@{}", record.topic(),
                        record.partition(), record.offset());
                return null;
            }
            return sample;
        } catch (JacksonException e) {
            log.warn("Skipping malformed sample at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getOriginalMessage());
            return null;
        } catch (IllegalArgumentException e) {
            log.warn("Skipping malformed sample at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return null;
        }
    }
}
