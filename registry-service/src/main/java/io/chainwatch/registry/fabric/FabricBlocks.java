package io.chainwatch.registry.fabric;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Reads Fabric blocks and transactions (fabric-protos) into what the operations show. Hashes are lower-case hex.
 * A block's own hash is not stored in it: it is the SHA-256 of its header's ASN.1 DER encoding, as Fabric computes
 * it (the next block's {@code previous_hash}).
 */
final class FabricBlocks {

    private FabricBlocks() {
    }

    /** One transaction of a block. */
    record Tx(String txId, String type, String validationCode, String chaincode, Instant timestamp, String creatorMspId) {
    }

    /** One block. */
    record BlockView(long number, String hash, String previousHash, String dataHash, int transactionCount,
            Instant timestamp, List<Tx> transactions) {

        long valid() {
            return transactions.stream().filter(t -> TxValidationCode.VALID.name().equals(t.validationCode())).count();
        }
    }

    static BlockView read(Block block) {
        int count = block.getData().getDataCount();
        ByteString filter = ByteString.EMPTY;
        if (block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE) {
            filter = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
        }
        List<Tx> transactions = new ArrayList<>(count);
        Instant newest = null;
        for (int i = 0; i < count; i++) {
            // no filter: a block not validated by a peer (as an orderer delivers it)
            Integer code = i < filter.size() ? filter.byteAt(i) & 0xff : null;
            Tx tx = transaction(block.getData().getData(i), code);
            transactions.add(tx);
            if (tx.timestamp() != null && (newest == null || tx.timestamp().isAfter(newest))) {
                newest = tx.timestamp();
            }
        }
        BlockHeader header = block.getHeader();
        return new BlockView(header.getNumber(), hex(headerHash(header)), hex(header.getPreviousHash().toByteArray()),
                hex(header.getDataHash().toByteArray()), count, newest, List.copyOf(transactions));
    }

    /** Reads one envelope; {@code validationCode} as the peer recorded it, {@code null} when unknown. */
    static Tx transaction(ByteString envelopeBytes, Integer validationCode) {
        String code = validationCode == null ? null : codeName(validationCode);
        try {
            return transaction(Envelope.parseFrom(envelopeBytes), code);
        } catch (InvalidProtocolBufferException e) {
            return new Tx(null, null, code, null, null, null);
        }
    }

    static Tx transaction(Envelope envelope, String validationCode) {
        String txId = null;
        String type = null;
        String chaincode = null;
        Instant timestamp = null;
        String creator = null;
        try {
            Payload payload = Payload.parseFrom(envelope.getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            txId = header.getTxId().isEmpty() ? null : header.getTxId();
            HeaderType headerType = HeaderType.forNumber(header.getType());
            type = headerType == null ? Integer.toString(header.getType()) : headerType.name();
            if (header.hasTimestamp()) {
                timestamp = Instant.ofEpochSecond(header.getTimestamp().getSeconds(), header.getTimestamp().getNanos());
            }
            creator = SerializedIdentity.parseFrom(SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader())
                    .getCreator()).getMspid();
            if (creator.isEmpty()) {
                creator = null;
            }
            if (headerType == HeaderType.ENDORSER_TRANSACTION) {
                for (TransactionAction action : Transaction.parseFrom(payload.getData()).getActionsList()) {
                    ChaincodeProposalPayload proposal = ChaincodeProposalPayload.parseFrom(
                            ChaincodeActionPayload.parseFrom(action.getPayload()).getChaincodeProposalPayload());
                    String name = ChaincodeInvocationSpec.parseFrom(proposal.getInput()).getChaincodeSpec()
                            .getChaincodeId().getName();
                    if (!name.isEmpty()) {
                        chaincode = name;
                        break;
                    }
                }
            }
        } catch (InvalidProtocolBufferException e) {
            // what was read so far stands; the rest is not a transaction the registry can read
        }
        return new Tx(txId, type, validationCode, chaincode, timestamp, creator);
    }

    /** Name of a validation code, e.g. {@code VALID}, {@code MVCC_READ_CONFLICT}; the number if unknown. */
    static String codeName(int code) {
        TxValidationCode known = TxValidationCode.forNumber(code);
        return known == null || known == TxValidationCode.UNRECOGNIZED ? Integer.toString(code) : known.name();
    }

    /** SHA-256 of {@code SEQUENCE {INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash}} (DER). */
    static byte[] headerHash(BlockHeader header) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        der(body, 0x02, BigInteger.valueOf(header.getNumber()).toByteArray());
        der(body, 0x04, header.getPreviousHash().toByteArray());
        der(body, 0x04, header.getDataHash().toByteArray());
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        der(sequence, 0x30, body.toByteArray());
        try {
            return MessageDigest.getInstance("SHA-256").digest(sequence.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void der(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] digits = BigInteger.valueOf(length).toByteArray();
            int skip = digits[0] == 0 ? 1 : 0;
            out.write(0x80 | (digits.length - skip));
            out.write(digits, skip, digits.length - skip);
        }
        out.write(content, 0, content.length);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
