package io.chainwatch.registry.fabric;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Hyperledger Explorer shows of a transaction, read from its envelope: the endorsers (MSP id and certificate
 * subject of each endorsement), the chaincode's arguments (UTF-8 text, or base64 when not text), and the read/write
 * set's keys per namespace (reads with the version read, writes with whether they delete); and a chaincode
 * definition's endorsement policy in words.
 */
final class FabricDetails {

    private FabricDetails() {
    }

    /** Adds {@code endorsers}, {@code arguments}, {@code reads} and {@code writes} to {@code out}. */
    static void transaction(Envelope envelope, ObjectNode out) {
        ArrayNode endorsers = out.putArray("endorsers");
        ArrayNode arguments = out.putArray("arguments");
        ArrayNode reads = out.putArray("reads");
        ArrayNode writes = out.putArray("writes");
        try {
            Payload payload = Payload.parseFrom(envelope.getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                return;
            }
            for (TransactionAction action : Transaction.parseFrom(payload.getData()).getActionsList()) {
                ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
                for (Endorsement endorsement : actionPayload.getAction().getEndorsementsList()) {
                    SerializedIdentity endorser = SerializedIdentity.parseFrom(endorsement.getEndorser());
                    endorsers.addObject().put("mspId", endorser.getMspid()).put("subject", subject(endorser));
                }
                ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(ChaincodeProposalPayload
                        .parseFrom(actionPayload.getChaincodeProposalPayload()).getInput());
                for (ByteString arg : spec.getChaincodeSpec().getInput().getArgsList()) {
                    arguments.add(text(arg));
                }
                ChaincodeAction result = ChaincodeAction.parseFrom(ProposalResponsePayload.parseFrom(
                        actionPayload.getAction().getProposalResponsePayload()).getExtension());
                for (NsReadWriteSet ns : TxReadWriteSet.parseFrom(result.getResults()).getNsRwsetList()) {
                    KVRWSet set = KVRWSet.parseFrom(ns.getRwset());
                    for (KVRead read : set.getReadsList()) {
                        ObjectNode r = reads.addObject().put("namespace", ns.getNamespace()).put("key", read.getKey());
                        if (read.hasVersion()) {
                            r.put("version", read.getVersion().getBlockNum() + ":" + read.getVersion().getTxNum());
                        }
                    }
                    for (KVWrite write : set.getWritesList()) {
                        writes.addObject().put("namespace", ns.getNamespace()).put("key", write.getKey())
                                .put("delete", write.getIsDelete());
                    }
                }
            }
        } catch (InvalidProtocolBufferException e) {
            // what was read so far stands
        }
    }

    /** The subject of the identity's certificate, or {@code null} when it is not an X.509 PEM. */
    private static String subject(SerializedIdentity identity) {
        try {
            return ((java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(identity.getIdBytes().newInput())).getSubjectX500Principal().getName();
        } catch (java.security.cert.CertificateException | RuntimeException e) {
            return null;
        }
    }

    /** An argument as text when it is UTF-8 without control characters, else {@code base64:...}. */
    static String text(ByteString bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            if (s.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
                return s;
            }
        } catch (CharacterCodingException e) {
            // binary
        }
        return "base64:" + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * A chaincode definition's endorsement policy ({@code validation_parameter}, an {@code ApplicationPolicy}) in
     * words: {@code channel policy /Channel/Application/Endorsement}, or a signature policy such as
     * {@code OutOf(1, 'Org1MSP.member', 'Org2MSP.member')}.
     */
    static String endorsementPolicy(ByteString validationParameter) {
        try {
            ApplicationPolicy policy = ApplicationPolicy.parseFrom(validationParameter);
            if (policy.hasChannelConfigPolicyReference() || !policy.getChannelConfigPolicyReference().isEmpty()) {
                return "channel policy " + policy.getChannelConfigPolicyReference();
            }
            if (policy.hasSignaturePolicy()) {
                SignaturePolicyEnvelope envelope = policy.getSignaturePolicy();
                return rule(envelope.getRule(), envelope.getIdentitiesList());
            }
        } catch (InvalidProtocolBufferException e) {
            // below
        }
        return validationParameter.isEmpty() ? null : "base64:" + Base64.getEncoder()
                .encodeToString(validationParameter.toByteArray());
    }

    private static String rule(SignaturePolicy rule, List<MSPPrincipal> identities) {
        if (rule.hasSignedBy()) {
            int i = rule.getSignedBy();
            return i < identities.size() ? "'" + principal(identities.get(i)) + "'" : "'?'";
        }
        StringBuilder s = new StringBuilder("OutOf(").append(rule.getNOutOf().getN());
        for (SignaturePolicy inner : rule.getNOutOf().getRulesList()) {
            s.append(", ").append(rule(inner, identities));
        }
        return s.append(')').toString();
    }

    private static String principal(MSPPrincipal principal) {
        if (principal.getPrincipalClassification() == MSPPrincipal.Classification.ROLE) {
            try {
                MSPRole role = MSPRole.parseFrom(principal.getPrincipal());
                return role.getMspIdentifier() + "." + role.getRole().name().toLowerCase(java.util.Locale.ROOT);
            } catch (InvalidProtocolBufferException e) {
                return "?";
            }
        }
        return principal.getPrincipalClassification().name();
    }
}
