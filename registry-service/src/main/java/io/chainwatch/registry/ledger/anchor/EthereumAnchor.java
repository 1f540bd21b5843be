package io.chainwatch.registry.ledger.anchor;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * Anchors on an Ethereum-family chain through web3j: a transaction of 0 wei from the anchoring account to itself
 * whose data is the {@link AnchorPayload} (no contract to deploy; see the ADR). Gas limit: 21,000 plus 16 per data
 * byte, with room to spare.
 */
public class EthereumAnchor implements ChainAnchor {

    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(30_000);

    private final Web3j web3;
    private final Credentials credentials;
    private final Duration receiptTimeout;

    public EthereumAnchor(String rpcUrl, String privateKeyHex, Duration receiptTimeout) {
        this(rpcUrl, Credentials.create(privateKeyHex), receiptTimeout);
    }

    private EthereumAnchor(String rpcUrl, Credentials credentials, Duration receiptTimeout) {
        this.web3 = Web3j.build(new HttpService(rpcUrl));
        this.credentials = credentials;
        this.receiptTimeout = receiptTimeout;
    }

    /** Reads anchors only (the verifier command: no key, {@link #anchor} refuses). */
    public static EthereumAnchor reader(String rpcUrl) {
        return new EthereumAnchor(rpcUrl, (Credentials) null, Duration.ZERO);
    }

    public String address() {
        return credentials.getAddress();
    }

    @Override
    public Anchored anchor(long treeSize, byte[] rootHash) throws Exception {
        if (credentials == null) {
            throw new IllegalStateException("this anchor only reads: it has no key");
        }
        long chainId = web3.ethChainId().send().getChainId().longValueExact();
        String from = credentials.getAddress();
        BigInteger nonce = web3.ethGetTransactionCount(from, DefaultBlockParameterName.PENDING).send()
                .getTransactionCount();
        BigInteger gasPrice = web3.ethGasPrice().send().getGasPrice();
        RawTransaction transaction = RawTransaction.createTransaction(nonce, gasPrice, GAS_LIMIT, from,
                BigInteger.ZERO, Numeric.toHexString(AnchorPayload.encode(treeSize, rootHash)));
        byte[] signed = TransactionEncoder.signMessage(transaction, chainId, credentials);
        EthSendTransaction sent = web3.ethSendRawTransaction(Numeric.toHexString(signed)).send();
        if (sent.hasError()) {
            throw new IllegalStateException("the chain refused the anchoring transaction: "
                    + sent.getError().getMessage());
        }
        String hash = sent.getTransactionHash();
        long deadline = System.nanoTime() + receiptTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<TransactionReceipt> receipt = web3.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                if (!receipt.get().isStatusOK()) {
                    throw new IllegalStateException("anchoring transaction " + hash + " failed on chain");
                }
                return new Anchored(chainId, hash, receipt.get().getBlockNumber().longValueExact(), from);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no receipt for anchoring transaction " + hash + " within " + receiptTimeout);
    }

    @Override
    public Optional<OnChain> read(String txHash) throws Exception {
        Optional<Transaction> found = web3.ethGetTransactionByHash(txHash).send().getTransaction();
        if (found.isEmpty() || found.get().getBlockNumberRaw() == null) {
            return Optional.empty();
        }
        Transaction tx = found.get();
        return AnchorPayload.decode(Numeric.hexStringToByteArray(tx.getInput())).map(decoded -> new OnChain(
                web3ChainId(), tx.getBlockNumber().longValueExact(), (long) decoded[0], (byte[]) decoded[1],
                tx.getFrom()));
    }

    private long web3ChainId() {
        try {
            return web3.ethChainId().send().getChainId().longValueExact();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        web3.shutdown();
    }
}
