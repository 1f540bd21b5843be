package io.chainwatch.testkit.fabric;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;

/**
 * The TEST PEER's {@code _lifecycle} queries, answered from what a real Fabric 2.5.5 peer answered
 * ({@code lifecycle-querycommitted-<channel>.json}, {@code lifecycle-queryinstalled.json},
 * {@code lifecycle-querycommitted-<channel>-<name>.json}, {@code lifecycle-checkcommitreadiness-<channel>-seq<n>.json}:
 * the peer CLI's JSON rendering of the protobuf results, turned back into those protobuf messages here). Channels
 * without a capture ({@code other} has one, {@code mychannel} has one) answer no definitions;
 * {@code QueryChaincodeDefinition} of a chaincode not defined is the captured 404
 * ({@code lifecycle-querycommitted-nosuch.stderr.txt}); a query with no capture to answer from gets {@code null}
 * (the peer answers an error).
 */
final class TestLifecycle {

    /** A chaincode error response: the peer answers it as {@code chaincode response <status>, <message>}. */
    static final class ChaincodeError extends RuntimeException {

        final int status;

        ChaincodeError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static final Pattern APPROVAL = Pattern.compile("\"([^\"]+)\":\\s*(true|false)");

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
            case "QueryChaincodeDefinition" -> rawArgs.size() < 2 ? null
                    : definition(channel,
                            parse(() -> QueryChaincodeDefinitionArgs.parseFrom(rawArgs.get(1))).getName());
            case "CheckCommitReadiness" -> rawArgs.size() < 2 ? null
                    : readiness(channel, parse(() -> CheckCommitReadinessArgs.parseFrom(rawArgs.get(1))));
            default -> null;
        };
    }

    /** {@code QueryChaincodeDefinition}: the committed definition with its approvals, where a capture has them. */
    private static byte[] definition(String channel, String name) {
        QueryChaincodeDefinitionsResult.ChaincodeDefinition committed = definitions(channel)
                .getChaincodeDefinitionsList().stream().filter(d -> d.getName().equals(name)).findFirst()
                .orElseThrow(() -> new ChaincodeError(404, "namespace " + name + " is not defined"));
        String json = capture("lifecycle-querycommitted-" + channel + "-" + name + ".json");
        if (json == null) {
            return null;
        }
        return QueryChaincodeDefinitionResult.newBuilder()
                .setSequence(committed.getSequence())
                .setVersion(committed.getVersion())
                .setEndorsementPlugin(committed.getEndorsementPlugin())
                .setValidationPlugin(committed.getValidationPlugin())
                .setValidationParameter(committed.getValidationParameter())
                .putAllApprovals(approvals(json))
                .build().toByteArray();
    }

    /**
     * {@code CheckCommitReadiness}: which organizations approved the given definition, from the capture of that
     * channel and sequence (taken for chaincode {@code basic}, the one chaincode the captured network defines).
     */
    private static byte[] readiness(String channel, CheckCommitReadinessArgs args) {
        String json = capture("lifecycle-checkcommitreadiness-" + channel + "-seq" + args.getSequence() + ".json");
        if (json == null || !args.getName().equals("basic")) {
            return null;
        }
        return CheckCommitReadinessResult.newBuilder().putAllApprovals(approvals(json)).build().toByteArray();
    }

    private static java.util.Map<String, Boolean> approvals(String json) {
        java.util.Map<String, Boolean> approvals = new java.util.TreeMap<>();
        Matcher m = APPROVAL.matcher(json.substring(json.indexOf("\"approvals\"")));
        while (m.find()) {
            approvals.put(m.group(1), Boolean.parseBoolean(m.group(2)));
        }
        return approvals;
    }

    private static String capture(String name) {
        try {
            return FabricFixtures.text(name);
        } catch (IllegalArgumentException none) {
            return null;
        }
    }

    @FunctionalInterface
    private interface Parse<T> {
        T get() throws com.google.protobuf.InvalidProtocolBufferException;
    }

    private static <T> T parse(Parse<T> parse) {
        try {
            return parse.get();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new ChaincodeError(500, "error unmarshalling args: " + e.getMessage());
        }
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
