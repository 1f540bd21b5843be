package io.chainwatch.security.topics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The per-service topic settings that {@code chainwatch.topics.*} replaced. A service no longer reads them, so an
 * operator who still sets one (in a file or as an environment variable such as
 * {@code CHAINWATCH_COLLECTOR_TOPIC_PARTITIONS}) would see it silently ignored; instead the service does not start
 * and says what to set.
 */
final class RetiredTopicSettings {

    /** Retired key → what replaced it. */
    static final Map<String, String> REPLACED = retired();

    private RetiredTopicSettings() {
    }

    private static Map<String, String> retired() {
        String partitions = "chainwatch.topics.partitions (env CHAINWATCH_TOPICS_PARTITIONS), the same in every service";
        String replicas = "chainwatch.topics.replicas (env CHAINWATCH_TOPICS_REPLICAS), the same in every service";
        Map<String, String> m = new LinkedHashMap<>();
        m.put("chainwatch.collector.topic-partitions", partitions);
        m.put("chainwatch.cdc.topic-partitions", partitions);
        m.put("chainwatch.registry.topics.targets-partitions", partitions);
        m.put("chainwatch.registry.topics.samples-partitions", partitions);
        m.put("chainwatch.registry.topics.notifications-partitions", partitions);
        m.put("chainwatch.registry.topics.replicas", replicas);
        return Map.copyOf(m);
    }

    /** Fails naming every retired setting {@code environment} still sets, and its replacement. */
    static void check(Environment environment) {
        Binder binder = Binder.get(environment);
        List<String> found = new ArrayList<>();
        REPLACED.forEach((key, replacement) -> {
            if (binder.bind(key, Bindable.of(String.class)).isBound()) {
                found.add(key + " is no longer read: set " + replacement);
            }
        });
        if (!found.isEmpty()) {
            throw new IllegalStateException("Retired topic settings are set; they would be ignored: "
                    + String.join("; ", found.stream().sorted().toList()));
        }
    }
}
