package io.chainwatch.registry.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

import io.chainwatch.events.FabricIdentitySecret;
import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.security.SealedSecrets;
import io.chainwatch.testkit.fabric.TestIdentities;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * After the collectors' key pair is rotated, the registry's next start seals every Fabric node's identity for the
 * new key (the start-up check is called here directly, after making the table say the identities were sealed for
 * another key) — and a start with an unchanged key re-publishes nothing.
 */
class CollectorKeyRotationIT extends RegistryTestBase {

    @TempDir
    Path wallet;

    @Autowired
    CollectorKeyRotation rotation;

    @Test
    void aChangedCollectorKeyReSealsEveryFabricNodesIdentityOnceAndAnUnchangedOneNothing() throws Exception {
        String current = SealedSecrets.fingerprint((ECPublicKey) COLLECTOR_KEY.getPublic());
        assertThat(sealedFor()).as("the start-up check ran and recorded the key").isEqualTo(current);

        String orgId = createOrganization("rotation");
        TestIdentities.write(wallet, "Org1MSP", "collector@org1.example.com");
        Response identity = send("PUT", "/api/v1/organizations/" + orgId + "/fabric-identities/Org1MSP",
                "{\"certificatePem\": " + json.writeValueAsString(Files.readString(wallet.resolve("Org1MSP/cert.pem")))
                        + ", \"privateKeyPem\": " + json.writeValueAsString(Files.readString(wallet.resolve("Org1MSP/key.pem")))
                        + "}");
        assertThat(identity.status()).as(identity.body()).isEqualTo(201);
        Response chain = post("/api/v1/chains", "{\"orgId\": \"" + orgId + "\", \"name\": \"rotation\", \"platform\": \"FABRIC\"}");
        Response node = post("/api/v1/nodes", "{\"chainId\": \"" + chain.field("id") + "\", \"name\": \"peer0\","
                + " \"rpcUrl\": \"http://127.0.0.1:9443\", \"fabric\": {\"mspId\": \"Org1MSP\","
                + " \"channels\": [\"mychannel\"], \"peerEndpoint\": \"127.0.0.1:7051\"}}");
        assertThat(node.status()).as(node.body()).isEqualTo(201);
        String nodeId = node.field("id");
        String ethereumNode = post("/api/v1/nodes", "{\"chainId\": \"" + createChain(orgId, "rotation-eth")
                + "\", \"name\": \"geth\", \"rpcUrl\": \"http://127.0.0.1:8545\"}").field("id");

        // as if the identities had been sealed for an earlier key pair
        jdbc.sql("update registry.collector_key set fingerprint = 'sha256:0123456789abcdef' where id = 1").update();
        long before = targets(nodeId);
        long ethereumBefore = targets(ethereumNode);
        rotation.sealAgainIfTheKeyChanged();

        assertThat(targets(nodeId)).isEqualTo(before + 1);
        assertThat(targets(ethereumNode)).as("no Fabric settings: not re-published").isEqualTo(ethereumBefore);
        assertThat(sealedFor()).isEqualTo(current);
        String sealed = latestTarget(nodeId).path("fabric").path("sealedIdentity").asString();
        assertThat(json.readTree(SealedSecrets.open((ECPrivateKey) COLLECTOR_KEY.getPrivate(),
                FabricIdentitySecret.PURPOSE, sealed)).path("mspId").asString()).isEqualTo("Org1MSP");

        rotation.sealAgainIfTheKeyChanged();
        assertThat(targets(nodeId)).as("same key: nothing re-published").isEqualTo(before + 1);
    }

    private String sealedFor() {
        return jdbc.sql("select fingerprint from registry.collector_key where id = 1").query(String.class).optional()
                .orElse(null);
    }

    private long targets(String nodeId) {
        return jdbc.sql("select count(*) from registry.outbox where message_key = :key").param("key", nodeId)
                .query(Long.class).single();
    }

    private JsonNode latestTarget(String nodeId) {
        return json.readTree(jdbc.sql("select payload from registry.outbox where message_key = :key order by id desc"
                + " limit 1").param("key", nodeId).query(String.class).single());
    }
}
