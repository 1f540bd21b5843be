package io.chainwatch.registry.node;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seals the Fabric identities in the node targets again when the collectors' key has changed since they were last
 * sealed (table {@code registry.collector_key}): at start-up, after an operator rotated the key pair (new public key
 * here, new private key at the collectors), every node with Fabric settings is re-published, so the collectors get
 * boxes they can open without anyone touching the nodes. Also the first start with a key seals what was published
 * before without one.
 */
@Component
class CollectorKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(CollectorKeyRotation.class);

    private final SealedIdentities identities;
    private final NodeService nodes;
    private final JdbcClient jdbc;

    CollectorKeyRotation(SealedIdentities identities, NodeService nodes, JdbcClient jdbc) {
        this.identities = identities;
        this.nodes = nodes;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void sealAgainIfTheKeyChanged() {
        String current = identities.keyFingerprint();
        if (current == null) {
            return;
        }
        String sealedFor = jdbc.sql("select fingerprint from registry.collector_key where id = 1 for update")
                .query(String.class).optional().orElse(null);
        if (current.equals(sealedFor)) {
            return;
        }
        int republished = nodes.republishFabric();
        jdbc.sql("""
                        insert into registry.collector_key (id, fingerprint, sealed_at) values (1, :fingerprint, now())
                        on conflict (id) do update set fingerprint = excluded.fingerprint, sealed_at = now()""")
                .param("fingerprint", current).update();
        log.info("collectors' key is now {} (was {}): {} Fabric node target(s) re-published with identities sealed"
                + " for it", current, sealedFor == null ? "none" : sealedFor, republished);
    }
}
