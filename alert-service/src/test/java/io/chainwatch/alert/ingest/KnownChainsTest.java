package io.chainwatch.alert.ingest;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.chainwatch.events.NodeTarget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KnownChainsTest {

    private final KnownChains chains = new KnownChains();

    private static NodeTarget node(String chain, String org) {
        return new NodeTarget("n1", "node-1", org, "acme", chain, "dev", "ETHEREUM", "http://127.0.0.1:8545", 1000, 0);
    }

    @Test
    void aChainWhoseFirstNodeArrivesWhileARuleWaitsIsFound() throws Exception {
        // the rule's request is answered when the node arrives, not at the end of the wait
        CompletableFuture<Optional<String>> rule = CompletableFuture.supplyAsync(
                () -> chains.orgOf("C-1", Duration.ofSeconds(20)));
        Thread.sleep(100); // the request is waiting when the node arrives
        chains.seen(node("c-1", "ORG-A"));
        assertThat(rule.get(10, TimeUnit.SECONDS)).contains("org-a");
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
