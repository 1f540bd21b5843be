package io.chainwatch.testkit.fabric;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;

/**
 * The TEST PEER's {@code _lifecycle} queries, answered from what a real Fabric 2.5.5 peer answered
 * ({@code lifecycle-querycommitted-<channel>.json}, {@code lifecycle-queryinstalled.json}: the peer CLI's JSON
 * rendering of the protobuf results, turned back into those protobuf messages here). Channels without a capture
 * ({@code other} has one, {@code mychannel} has one) answer no definitions.
 */
final class TestLifecycle {

    private static final Pattern DEFINITION = Pattern.compile("\\{\\s*\"name\":\\s*\"([^\"]+)\",\\s*\"sequence\":\\s*(\\d+),"
            + "\\s*\"version\":\\s*\"([^\"]*)\",\\s*\"endorsement_plugin\":\\s*\"([^\"]*)\",\\s*\"validation_plugin\":"
            + "\\s*\"([^\"]*)\",\\s*\"validation_parameter\":\\s*\"([^\"]*)\"");

    /** The result bytes, or {@code null} for a query the test peer does not answer. */
    byte[] answer(String channel, List<String> args, List<ByteString> rawArgs) {
        if (args.isEmpty()) {
            return null;
        }
        return switch (args.get(0)) {
            case "QueryChaincodeDefinitions" -> definitions(channel).toByteArray();
            case "QueryInstalledChaincodes" -> QueryInstalledChaincodesResult.getDefaultInstance().toByteArray();
            default -> null;
        };
    }

    static QueryChaincodeDefinitionsResult definitions(String channel) {
        String json;
        try {
            json = FabricFixtures.text("lifecycle-querycommitted-" + channel + ".json");
        } catch (IllegalArgumentException none) {
            return QueryChaincodeDefinitionsResult.getDefaultInstance();
        }
        List<QueryChaincodeDefinitionsResult.ChaincodeDefinition> definitions = new ArrayList<>();
        Matcher m = DEFINITION.matcher(json);
        while (m.find()) {
            definitions.add(QueryChaincodeDefinitionsResult.ChaincodeDefinition.newBuilder()
                    .setName(m.group(1))
                    .setSequence(Long.parseLong(m.group(2)))
                    .setVersion(m.group(3))
                    .setEndorsementPlugin(m.group(4))
                    .setValidationPlugin(m.group(5))
                    .setValidationParameter(ByteString.copyFrom(Base64.getDecoder().decode(m.group(6))))
                    .build());
        }
        return QueryChaincodeDefinitionsResult.newBuilder().addAllChaincodeDefinitions(definitions).build();
    }
}
