package io.chainwatch.collector.fabric;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * What the collector takes from one committed block: its number, how many transactions it holds, each one's
 * validation code (from the {@code TRANSACTIONS_FILTER} metadata the committing peer writes), and the chaincodes
 * its endorser transactions invoked.
 *
 * @param number          block number
 * @param txCount         transactions (envelopes) in the block
 * @param validationCodes one per transaction, in block order; empty when the block carries no filter (a block
 *                        straight from an orderer, not validated)
 * @param chaincodes      names of the chaincodes invoked, sorted
 * @param timestampMs     the newest transaction timestamp in the block (channel headers; what block explorers show
 *                        as the block's time, as Fabric blocks carry no time of their own), epoch ms; 0 when none
 */
public record BlockSummary(long number, int txCount, List<TxValidationCode> validationCodes, SortedSet<String> chaincodes,
                           long timestampMs) {

    /** Reads a block; an envelope that cannot be decoded still counts as a transaction. */
    public static BlockSummary of(Block block) {
        int txCount = block.getData().getDataCount();
        List<TxValidationCode> codes = new ArrayList<>();
        int filterIndex = BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE;
        if (block.getMetadata().getMetadataCount() > filterIndex) {
            ByteString filter = block.getMetadata().getMetadata(filterIndex);
            for (int i = 0; i < filter.size() && i < txCount; i++) {
                TxValidationCode code = TxValidationCode.forNumber(filter.byteAt(i) & 0xff);
                codes.add(code == null ? TxValidationCode.INVALID_OTHER_REASON : code);
            }
        }
        SortedSet<String> chaincodes = new TreeSet<>();
        long timestampMs = 0;
        for (ByteString data : block.getData().getDataList()) {
            timestampMs = Math.max(timestampMs, read(data, chaincodes));
        }
        return new BlockSummary(block.getHeader().getNumber(), txCount, List.copyOf(codes),
                java.util.Collections.unmodifiableSortedSet(chaincodes), timestampMs);
    }

    /** Transactions validated VALID. */
    public int valid() {
        return (int) validationCodes.stream().filter(c -> c == TxValidationCode.VALID).count();
    }

    /** Invalid transactions by validation code name. */
    public Map<String, Integer> invalidByCode() {
        Map<String, Integer> invalid = new TreeMap<>();
        validationCodes.stream().filter(c -> c != TxValidationCode.VALID)
                .forEach(c -> invalid.merge(c.name(), 1, Integer::sum));
        return invalid;
    }

    /** Adds the chaincodes an envelope invokes to {@code names}; returns its timestamp (epoch ms) or 0. */
    private static long read(ByteString envelopeBytes, SortedSet<String> names) {
        long timestampMs = 0;
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelopeBytes).getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (header.hasTimestamp()) {
                timestampMs = header.getTimestamp().getSeconds() * 1000 + header.getTimestamp().getNanos() / 1_000_000;
            }
            if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                return timestampMs;
            }
            for (TransactionAction action : Transaction.parseFrom(payload.getData()).getActionsList()) {
                ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
                ChaincodeProposalPayload proposal =
                        ChaincodeProposalPayload.parseFrom(actionPayload.getChaincodeProposalPayload());
                String name = ChaincodeInvocationSpec.parseFrom(proposal.getInput())
                        .getChaincodeSpec().getChaincodeId().getName();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            // not a transaction the collector can read: counted, not named
        }
        return timestampMs;
    }
}
