package io.chainwatch.alert.ingest;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.chainwatch.events.NodeTarget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KnownChainsTest {

    private final KnownChains chains = new KnownChains();

    private static NodeTarget node(String chain, String org) {
        return new NodeTarget("n1", "node-1", org, "acme", chain, "dev", "ETHEREUM", "http://127.0.0.1:8545", 1000, 0, null, null, null);
    }

    @Test
    void aChainWhoseFirstNodeArrivesWhileARuleWaitsIsFound() throws Exception {
        // the rule's request is answered when the node arrives, not at the end of the wait
        AtomicReference<Optional<String>> found = new AtomicReference<>();
        Thread rule = new Thread(() -> found.set(chains.orgOf("C-1", Duration.ofSeconds(20))));
        rule.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> rule.getState() == Thread.State.TIMED_WAITING);
        chains.seen(node("c-1", "ORG-A"));
        rule.join(10_000);
        assertThat(found.get()).contains("org-a");
    }

    @Test
    void aChainThatNeverArrivesIsUnknownAfterTheWait() {
        chains.seen(node("c-2", "org-a"));
        long started = System.nanoTime();
        assertThat(chains.orgOf("c-3", Duration.ofMillis(300))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(chains.orgOf("c-2", Duration.ofSeconds(20))).contains("org-a");
    }
}
