package io.chainwatch.alert.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.chainwatch.alert.AlertProperties;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Kafka static group membership for this instance's consumer groups ({@code group.instance.id}, KIP-345): an
 * instance that is killed and started again rejoins as the same member and gets its partitions back at once,
 * instead of the group first waiting for the dead member's session to time out ({@code session.timeout.ms}) and
 * then rebalancing.
 *
 * <p>The id must be stable across restarts and unique among running instances: {@code chainwatch.alert.instance-id}
 * when set, else {@code alert-<host name>-<HTTP port>} (two instances on one host cannot share a port). With a
 * random HTTP port ({@code server.port=0}) and no id given, membership stays dynamic. A static member that dies
 * keeps its partitions until it comes back or its session times out (10 s in {@code application.yml}; then the
 * group rebalances and the other instances take its chains over). On a graceful stop, after the listener containers
 * have stopped, the instance removes itself from its groups, so the others take its chains over at once.
 */
@Component
public class GroupMembership implements SmartLifecycle {

    /** The consumer groups this instance joins as a static member. */
    private static final List<String> GROUPS = List.of(SamplesListener.GROUP,
            io.chainwatch.alert.orgnotification.OrgNotificationListener.GROUP);

    private static final Logger log = LoggerFactory.getLogger(GroupMembership.class);

    private final String instanceId;
    private final KafkaAdmin admin;
    private volatile boolean running;

    public GroupMembership(AlertProperties properties, Environment environment, KafkaAdmin admin) {
        this.admin = admin;
        this.instanceId = resolve(properties.instanceId(), environment.getProperty("server.port", "8080"));
        if (instanceId == null) {
            log.info("Kafka group membership: dynamic (no chainwatch.alert.instance-id and a random HTTP port)");
        } else {
            log.info("Kafka group membership: static, group.instance.id={}", instanceId);
        }
    }

    /** The static member id, or null for dynamic membership. */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Adds {@code group.instance.id} to a consumer configuration (each group gets the same id; ids are per group)
     * and returns it.
     */
    public Map<String, Object> apply(Map<String, Object> consumerConfig) {
        Map<String, Object> config = new java.util.HashMap<>(consumerConfig);
        if (instanceId != null) {
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        return config;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Runs after the listener containers stopped (a lower phase stops later): leaves the groups for good. */
    @Override
    public void stop() {
        running = false;
        log.info("Leaving the consumer groups as static member {}", instanceId);
        if (instanceId == null) {
            return;
        }
        try (AdminClient client = AdminClient.create(admin.getConfigurationProperties())) {
            for (String group : GROUPS) {
                try {
                    client.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(
                            List.of(new MemberToRemove(instanceId)))).all().get(5, TimeUnit.SECONDS);
                    log.info("Left consumer group {} (static member {})", group, instanceId);
                } catch (ExecutionException e) {
                    log.info("Static member {} not in group {}: {}", instanceId, group, e.getCause().toString());
                }
            }
        } catch (InterruptedException e) {
            log.warn("Interrupted while leaving the consumer groups as static member {}", instanceId);
            Thread.currentThread().interrupt();
        } catch (RuntimeException | TimeoutException e) {
            log.warn("Could not leave the consumer groups as static member {}: {}", instanceId, e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    static String resolve(String configured, String port) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        if (port == null || port.isBlank() || port.strip().equals("0")) {
            return null;
        }
        return "alert-" + hostName() + "-" + port.strip();
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
