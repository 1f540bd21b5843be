package io.chainwatch.alert.ingest;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.chainwatch.events.NodeTarget;
import org.junit.jupiter.api.Test;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KnownChainsTest {

    private final KnownChains chains = new KnownChains();

    private static NodeTarget node(String chain, String org) {
        return new NodeTarget(id("n1"), "node-1", id(org), "acme", id(chain), "dev", "ETHEREUM",
                "http://127.0.0.1:8545", 1000, 0, null, null, null);
    }

    @Test
    void aChainWhoseFirstNodeArrivesWhileARuleWaitsIsFound() throws Exception {
        // the rule's request is answered when the node arrives, not at the end of the wait
        AtomicReference<Optional<UUID>> found = new AtomicReference<>();
        Thread rule = new Thread(() -> found.set(chains.orgOf(id("c-1"), Duration.ofSeconds(20))));
        rule.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> rule.getState() == Thread.State.TIMED_WAITING);
        chains.seen(node("c-1", "org-a"));
        rule.join(10_000);
        assertThat(found.get()).contains(id("org-a"));
    }

    @Test
    void aChainThatNeverArrivesIsUnknownAfterTheWait() {
        chains.seen(node("c-2", "org-a"));
        long started = System.nanoTime();
        assertThat(chains.orgOf(id("c-3"), Duration.ofMillis(300))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(chains.orgOf(id("c-2"), Duration.ofSeconds(20))).contains(id("org-a"));
    }
}
