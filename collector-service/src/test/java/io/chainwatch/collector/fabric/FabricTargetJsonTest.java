package io.chainwatch.collector.fabric;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.events.FabricTarget;
import io.chainwatch.events.NodeTarget;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire records stay compatible: an older producer's Fabric target (no role) is a peer, records without the optional
 * fields added later read with nulls and empty lists, an orderer's target reads back.
 */
class FabricTargetJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aTargetOfAnOlderProducerIsAPeer() {
        NodeTarget old = json.readValue("""
                {"nodeId":"%s","nodeName":"peer0","orgId":"%s","orgName":"acme","chainId":"%s","chainName":"fab",
                 "platform":"FABRIC","rpcUrl":null,"pollIntervalMs":1000,"version":3,"metricsUrl":null,
                 "fabric":{"mspId":"Org1MSP","channels":["mychannel"],"peerEndpoint":"peer0:7051",
                           "tlsRootCertPem":null,"serverNameOverride":null,"sealedIdentity":null}}"""
                .formatted(id("n1"), id("o"), id("c")), NodeTarget.class);

        assertThat(old.nodeId()).isEqualTo(id("n1"));
        assertThat(old.fabric().role()).isNull();
        assertThat(old.fabric().orderer()).isFalse();
        assertThat(old.fabric().participationUrl()).isNull();
    }

    @Test
    void recordsOfProducersThatPredateTheOptionalFieldsReadWithNullsAndEmptyLists() {
        NodeTarget target = json.readValue("""
                {"nodeId":"%s","nodeName":"geth-0","orgId":"%s","orgName":"acme","chainId":"%s","chainName":"dev",
                 "platform":"ETHEREUM","rpcUrl":"http://127.0.0.1:8545","pollIntervalMs":1000,"version":1}"""
                .formatted(id("n1"), id("o"), id("c")), NodeTarget.class);
        assertThat(target.chainId()).isEqualTo(id("c"));
        assertThat(target.metricsUrl()).isNull();
        assertThat(target.fabric()).isNull();
        assertThat(target.allianceIds()).isEmpty();

        io.chainwatch.events.NodeSample sample = json.readValue("""
                {"nodeId":"%s","chainId":"%s","orgId":"%s","polledAtMs":7,"outcome":"OK","error":null,
                 "readings":{"block.height":5.0},"info":{},"unsupported":[]}"""
                .formatted(id("n1"), id("c"), id("o")), io.chainwatch.events.NodeSample.class);
        assertThat(sample.orgId()).isEqualTo(id("o"));
        assertThat(sample.channel()).isNull();
        assertThat(sample.reading("block.height")).isEqualTo(5.0);

        io.chainwatch.events.OrganizationLifecycle org = json.readValue("""
                {"orgId":"o","state":"DEACTIVATED","atMs":9}""", io.chainwatch.events.OrganizationLifecycle.class);
        assertThat(org.deactivated()).isTrue();
        assertThat(org.deleted()).isFalse();
    }

    @Test
    void anOrdererTargetReadsBack() {
        NodeTarget orderer = new NodeTarget(id("n2"), "orderer0", id("o"), "acme", id("c"), "fab", "FABRIC", null,
                1000, 1, "http://orderer0:8443/metrics", new FabricTarget("OrdererMSP", java.util.List.of(), null, null,
                null, null, FabricTarget.ROLE_ORDERER, "https://orderer0:7053"), null);

        NodeTarget read = json.readValue(json.writeValueAsString(orderer), NodeTarget.class);

        assertThat(read).isEqualTo(orderer);
        assertThat(read.fabric().orderer()).isTrue();
        assertThat(json.writeValueAsString(orderer)).doesNotContain("\"orderer\"");
    }
}
