package io.chainwatch.alert.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.chainwatch.events.NodeTarget;
import org.springframework.stereotype.Component;

/**
 * The chains this service knows and their organizations, from the nodes on {@code chainwatch.targets} (read whole
 * by {@link TargetsReader}): a chain is known from its first registered node on. The alert service has no other
 * view of the registry, so a rule can only name a chain that has a node; a rule naming a chain unknown here, or of
 * another organization, is refused as not found. A chain stays known when its nodes are deleted (rules on it keep
 * their meaning). A node registered a moment ago reaches this service a few hundred milliseconds later (the
 * registry's outbox relay, then the topic): {@link #orgOf(String, Duration)} waits that long for a chain not known yet.
 */
@Component
public class KnownChains {

    private final Map<UUID, UUID> orgByChain = new ConcurrentHashMap<>();
    private final Object arrivals = new Object();

    void seen(NodeTarget target) {
        if (target.chainId() != null && target.orgId() != null) {
            orgByChain.put(target.chainId(), target.orgId());
            synchronized (arrivals) {
                arrivals.notifyAll();
            }
        }
    }

    /**
     * The organization of {@code chainId}; when the chain is not known yet, waits up to {@code wait} for its first
     * node to arrive (a chain and node registered just before the rule that names them).
     */
    public Optional<UUID> orgOf(UUID chainId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Optional<UUID> org = orgOf(chainId);
        synchronized (arrivals) {
            while (org.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    arrivals.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                org = orgOf(chainId);
            }
        }
        return org;
    }

    /** The organization of {@code chainId}, when a node of it has been seen. */
    public Optional<UUID> orgOf(UUID chainId) {
        return Optional.ofNullable(orgByChain.get(chainId));
    }

    /** Whether {@code chainId} is known and belongs to {@code orgId}. */
    public boolean belongsTo(UUID chainId, UUID orgId) {
        return orgId != null && orgOf(chainId).map(orgId::equals).orElse(false);
    }
}
