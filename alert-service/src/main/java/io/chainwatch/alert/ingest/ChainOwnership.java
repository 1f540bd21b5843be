package io.chainwatch.alert.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

import io.chainwatch.alert.pipeline.EvaluationService;
import io.chainwatch.events.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Which chains this instance evaluates: those whose samples (key = chain id) land in the samples partitions
 * assigned to it, computed like Kafka's default partitioner (murmur2 of the key).
 */
@Component
public class ChainOwnership implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(ChainOwnership.class);

    private final EvaluationService evaluation;
    private Set<Integer> owned = Set.of();

    public ChainOwnership(@Lazy EvaluationService evaluation) {
        this.evaluation = evaluation;
    }

    /** The samples partition of a chain id (the records' key is the id's text). */
    public static int partitionOf(UUID chainId, int partitions) {
        return Utils.toPositive(Utils.murmur2(chainId.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public synchronized void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        int count = consumer.partitionsFor(Topics.SAMPLES).size();
        Set<Integer> now = new TreeSet<>();
        consumer.assignment().stream().filter(tp -> tp.topic().equals(Topics.SAMPLES))
                .forEach(tp -> now.add(tp.partition()));
        Set<Integer> before = owned;
        owned = Set.copyOf(now);
        Predicate<UUID> owns = chain -> now.contains(partitionOf(chain, count));
        Predicate<UUID> gained = chain -> {
            int p = partitionOf(chain, count);
            return now.contains(p) && !before.contains(p);
        };
        log.info("Samples partitions assigned to this instance: {} of {}", now, count);
        evaluation.ownershipChanged(owns, gained);
    }

    @Override
    public synchronized void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer,
                                                            Collection<TopicPartition> partitions) {
        Set<Integer> now = new TreeSet<>(owned);
        partitions.forEach(tp -> now.remove(tp.partition()));
        owned = Set.copyOf(now);
        int count = consumer.partitionsFor(Topics.SAMPLES).size();
        evaluation.ownershipChanged(chain -> now.contains(partitionOf(chain, count)), chain -> false);
    }

    @Override
    public synchronized void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevokedAfterCommit(consumer, partitions);
    }
}
