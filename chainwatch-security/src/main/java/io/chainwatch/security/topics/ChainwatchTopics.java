package io.chainwatch.security.topics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chainwatch.events.Topics;

/**
 * Every topic of {@link Topics} with its settings — the one place they are written down. Partitions and replicas
 * come from {@link TopicsProperties}; what differs per topic is here:
 * <ul>
 * <li>{@code chainwatch.targets}, {@code chainwatch.organizations}: compacted (the latest record per key is the
 * state: a node, an organization's lifecycle);</li>
 * <li>{@code chainwatch.audit}: one partition, so that every entry of every service is in one order, the order the
 * ledger appends them in;</li>
 * <li>{@code chainwatch.samples}, {@code chainwatch.notifications}, {@code chainwatch.poll-requests}: plain.</li>
 * </ul>
 */
public final class ChainwatchTopics {

    private ChainwatchTopics() {
    }

    /** Every topic, by name, in the order of {@link Topics}. */
    public static Map<String, TopicSpec> all(TopicsProperties properties) {
        int p = properties.partitions();
        short r = properties.replicas();
        Map<String, TopicSpec> all = new LinkedHashMap<>();
        for (TopicSpec spec : List.of(
                new TopicSpec(Topics.TARGETS, p, r, true),
                new TopicSpec(Topics.SAMPLES, p, r, false),
                new TopicSpec(Topics.NOTIFICATIONS, p, r, false),
                new TopicSpec(Topics.POLL_REQUESTS, p, r, false),
                new TopicSpec(Topics.AUDIT, 1, r, false),
                new TopicSpec(Topics.ORGANIZATIONS, p, r, true))) {
            all.put(spec.name(), spec);
        }
        return all;
    }

    /**
     * The topics named in {@code chainwatch.topics.declared}, with their settings.
     *
     * @throws IllegalArgumentException naming every listed topic that ChainWatch does not have
     */
    public static List<TopicSpec> declared(TopicsProperties properties) {
        Map<String, TopicSpec> all = all(properties);
        List<TopicSpec> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : properties.declared()) {
            TopicSpec spec = all.get(name);
            if (spec == null) {
                unknown.add(name);
            } else if (!out.contains(spec)) {
                out.add(spec);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("chainwatch.topics.declared names unknown topics " + unknown
                    + "; the topics are " + all.keySet());
        }
        return out;
    }
}
