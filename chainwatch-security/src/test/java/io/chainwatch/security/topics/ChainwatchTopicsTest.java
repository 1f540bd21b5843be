package io.chainwatch.security.topics;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.chainwatch.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChainwatchTopicsTest {

    private static final TopicsProperties DEFAULTS = new TopicsProperties(6, (short) 1, List.of());

    /** Every {@code public static final String} of {@link Topics}: the topic names of the wire format. */
    private static List<String> topicConstants() {
        return Arrays.stream(Topics.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers())
                        && f.getType() == String.class)
                .map(ChainwatchTopicsTest::value)
                .toList();
    }

    private static String value(Field f) {
        try {
            return (String) f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theCatalogueIsEveryTopicOfTheWireFormatWithItsSettings() {
        Map<String, TopicSpec> all = ChainwatchTopics.all(DEFAULTS);

        assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(topicConstants());
        assertThat(all.values()).containsExactlyInAnyOrder(
                new TopicSpec(Topics.TARGETS, 6, (short) 1, true),
                new TopicSpec(Topics.SAMPLES, 6, (short) 1, false),
                new TopicSpec(Topics.NOTIFICATIONS, 6, (short) 1, false),
                new TopicSpec(Topics.POLL_REQUESTS, 6, (short) 1, false),
                new TopicSpec(Topics.AUDIT, 1, (short) 1, false),
                new TopicSpec(Topics.ORGANIZATIONS, 6, (short) 1, true));
    }

    @Test
    void partitionsAndReplicasComeFromTheProperties() {
        Map<String, TopicSpec> all = ChainwatchTopics.all(new TopicsProperties(12, (short) 3, List.of()));

        assertThat(all.get(Topics.SAMPLES)).isEqualTo(new TopicSpec(Topics.SAMPLES, 12, (short) 3, false));
        // one partition whatever the setting: the ledger appends the entries in the topic's one order
        assertThat(all.get(Topics.AUDIT)).isEqualTo(new TopicSpec(Topics.AUDIT, 1, (short) 3, false));
    }

    @Test
    void aCompactedTopicIsDeclaredWithTheCompactCleanupPolicy() {
        NewTopic targets = ChainwatchTopics.all(DEFAULTS).get(Topics.TARGETS).toNewTopic();
        NewTopic samples = ChainwatchTopics.all(DEFAULTS).get(Topics.SAMPLES).toNewTopic();

        assertThat(targets.configs()).containsEntry("cleanup.policy", "compact");
        assertThat(targets.numPartitions()).isEqualTo(6);
        assertThat(targets.replicationFactor()).isEqualTo((short) 1);
        assertThat(samples.configs()).isNullOrEmpty();
    }

    @Test
    void aServiceDeclaresOnlyTheTopicsItLists() {
        List<TopicSpec> declared = ChainwatchTopics.declared(
                new TopicsProperties(6, (short) 1, List.of(Topics.SAMPLES, Topics.AUDIT)));

        assertThat(declared).extracting(TopicSpec::name).containsExactly(Topics.SAMPLES, Topics.AUDIT);
    }

    @Test
    void anUnknownTopicInTheListIsRefusedByName() {
        assertThatThrownBy(() -> ChainwatchTopics.declared(
                new TopicsProperties(6, (short) 1, List.of(Topics.SAMPLES, "chainwatch.sample"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[chainwatch.sample]");
    }

    @Test
    void theAutoConfigurationDeclaresTheListedTopicsWithTheCommonSettings() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TopicsAutoConfiguration.class))
                .withPropertyValues("chainwatch.topics.partitions=3", "chainwatch.topics.replicas=2",
                        "chainwatch.topics.declared=chainwatch.targets,chainwatch.audit")
                .run(context -> {
                    // what Spring Kafka's admin creates at start: the NewTopic(s) beans of the context
                    DeclaredTopics admin = new DeclaredTopics();
                    admin.setApplicationContext(context);
                    assertThat(admin.declared()).extracting(NewTopic::name, NewTopic::numPartitions,
                                    NewTopic::replicationFactor)
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple(Topics.TARGETS, 3, (short) 2),
                                    org.assertj.core.groups.Tuple.tuple(Topics.AUDIT, 1, (short) 2));
                });
    }

    @Test
    void aRetiredPerServiceTopicSettingStopsTheServiceNamingItsReplacement() {
        // as an operator's old docker-compose file would still pass it: an environment variable
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TopicsAutoConfiguration.class))
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new org.springframework.core.env.SystemEnvironmentPropertySource("env",
                                Map.of("CHAINWATCH_COLLECTOR_TOPIC_PARTITIONS", "12"))))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("chainwatch.collector.topic-partitions is no longer read")
                        .hasMessageContaining("CHAINWATCH_TOPICS_PARTITIONS"));
        // in a file, as the registry's own setting used to be
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TopicsAutoConfiguration.class))
                .withPropertyValues("chainwatch.registry.topics.replicas=3")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("chainwatch.registry.topics.replicas is no longer read")
                        .hasMessageContaining("chainwatch.topics.replicas"));
        // the settings that replaced them start as before
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TopicsAutoConfiguration.class))
                .withPropertyValues("chainwatch.topics.partitions=12", "chainwatch.collector.poll-interval=1s")
                .run(context -> assertThat(context).hasNotFailed());
    }

    /** Spring Kafka's admin, asked which topics it would create. */
    private static final class DeclaredTopics extends KafkaAdmin {

        DeclaredTopics() {
            super(Map.of());
        }

        java.util.Collection<NewTopic> declared() {
            return newTopics();
        }
    }
}
