package io.chainwatch.registry.contract;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.chain.Chain;
import io.chainwatch.registry.chain.ChainService;
import io.chainwatch.registry.ethereum.EthereumClients;
import io.chainwatch.registry.ethereum.EthereumOperations;
import io.chainwatch.registry.node.Node;
import io.chainwatch.registry.web.PlatformCallException;
import io.chainwatch.registry.secret.SecretStore;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.DuplicateNameException;
import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.registry.web.NotFoundException;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deploys contracts to ETHEREUM chains of the registry and calls their view functions. The chain is reached
 * through its first node; no database transaction is held while the node works.
 */
@Service
public class ContractService {

    private final ContractRepository contracts;
    private final ChainService chains;
    private final EthereumOperations ethereum;
    private final EthereumClients clients;
    private final SecretStore secrets;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    ContractService(ContractRepository contracts, ChainService chains, EthereumOperations ethereum,
            EthereumClients clients, SecretStore secrets, AuditLog audit, TransactionTemplate transaction,
            JsonMapper json) {
        this.contracts = contracts;
        this.chains = chains;
        this.ethereum = ethereum;
        this.clients = clients;
        this.secrets = secrets;
        this.audit = audit;
        this.transaction = transaction;
        this.json = json;
    }

    /** Signs and sends the creation transaction, waits for its receipt, and records the contract. */
    @SuppressWarnings("rawtypes")
    public ContractResponse deploy(ContractRequests.Deploy request) {
        if (!request.abi().isArray()) {
            throw new InvalidRequestException("abi", "must be the contract's ABI, a JSON array");
        }
        List<Node> nodes = ethereum.nodesOf(request.chainId());
        Chain chain = transaction.execute(status -> chains.get(request.chainId()));
        if (transaction.execute(status -> contracts.nameTaken(chain.id(), request.name()))) {
            throw new DuplicateNameException("Chain '" + chain.name() + "' already has a contract named '"
                    + request.name() + "'", null);
        }
        List<Type> args = AbiCodec.inputs(AbiCodec.entry(request.abi(), null, sizeOf(request.constructorArgs())),
                request.constructorArgs(), "constructorArgs");
        String data = request.bytecode() + Numeric.cleanHexPrefix(FunctionEncoder.encodeConstructor(args));
        Credentials credentials = Credentials.create(request.privateKey());
        TransactionReceipt receipt = clients.with(nodes.get(0).rpcUrl(), web3j -> send(web3j, credentials, data));
        if (!receipt.isStatusOK() || receipt.getContractAddress() == null) {
            throw new PlatformCallException("the deployment transaction " + receipt.getTransactionHash()
                    + " reverted (status " + receipt.getStatus() + ")");
        }
        return transaction.execute(status -> {
            UUID keyId = secrets.store(chain.orgId(), "deployer-key", request.privateKey());
            Contract contract = new Contract(UUID.randomUUID(), chain.id(), chain.orgId(), request.name(),
                    receipt.getContractAddress(), request.abi(), receipt.getTransactionHash(), credentials.getAddress(),
                    keyId, receipt.getBlockNumber().longValue(), Instant.now().truncatedTo(ChronoUnit.MICROS), 1, null);
            try {
                contracts.insert(contract);
            } catch (DuplicateKeyException e) {
                throw new DuplicateNameException("Chain '" + chain.name() + "' already has a contract named '"
                        + request.name() + "' (deployed meanwhile at " + contract.address() + ")", e);
            }
            ContractResponse view = view(contract);
            audit.record(chain.orgId(), "contract.deploy", "contract", contract.id(), null, view);
            return view;
        });
    }

    private static TransactionReceipt send(Web3j web3j, Credentials credentials, String data) throws IOException {
        long chainId = web3j.ethChainId().send().getChainId().longValue();
        BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
        var estimate = web3j.ethEstimateGas(Transaction.createContractTransaction(credentials.getAddress(), null,
                gasPrice, data)).send();
        if (estimate.hasError()) {
            throw new PlatformCallException("the node cannot run the deployment: " + estimate.getError().getMessage());
        }
        BigInteger gasLimit = estimate.getAmountUsed().multiply(BigInteger.valueOf(12)).divide(BigInteger.TEN);
        EthSendTransaction sent = new RawTransactionManager(web3j, credentials, chainId)
                .sendTransaction(gasPrice, gasLimit, null, data, BigInteger.ZERO, true);
        if (sent.hasError()) {
            throw new PlatformCallException("the node refused the deployment: " + sent.getError().getMessage());
        }
        try {
            return new PollingTransactionReceiptProcessor(web3j, 100, 300)
                    .waitForTransactionReceipt(sent.getTransactionHash());
        } catch (TransactionException e) {
            throw new PlatformCallException("no receipt for " + sent.getTransactionHash() + ": " + e.getMessage(), e);
        }
    }

    /** Calls a view or pure function with {@code eth_call}; answers its outputs, by name where the ABI has names. */
    @SuppressWarnings("rawtypes")
    public ObjectNode call(UUID id, ContractRequests.Call request) {
        Contract contract = transaction.execute(status -> get(id));
        if (contract.terminatedAt() != null) {
            throw new ConflictException("Contract '" + contract.name() + "' was terminated at "
                    + contract.terminatedAt() + "; ChainWatch no longer invokes it");
        }
        JsonNode entry = AbiCodec.entry(contract.abi(), request.function(), sizeOf(request.args()));
        if (entry == null) {
            throw new NotFoundException("Contract '" + contract.name() + "' has no function " + request.function());
        }
        String mutability = entry.path("stateMutability").asString();
        if (!mutability.equals("view") && !mutability.equals("pure")) {
            throw new ConflictException("Function " + request.function() + " is " + mutability
                    + ": only view and pure functions can be called through the API");
        }
        Function function = new Function(request.function(), AbiCodec.inputs(entry, request.args(), "args"),
                AbiCodec.outputs(entry));
        String encoded = FunctionEncoder.encode(function);
        List<Node> nodes = ethereum.nodesOf(contract.chainId());
        EthCall answer = clients.with(nodes.get(0).rpcUrl(), web3j -> web3j.ethCall(
                Transaction.createEthCallTransaction(null, contract.address(), encoded),
                DefaultBlockParameterName.LATEST).send());
        if (answer.hasError() || answer.isReverted()) {
            throw new PlatformCallException("the call reverted: " + (answer.hasError() ? answer.getError().getMessage()
                    : answer.getRevertReason()));
        }
        List<Type> values = FunctionReturnDecoder.decode(answer.getValue(), function.getOutputParameters());
        ObjectNode out = json.createObjectNode().put("contractId", id.toString()).put("function", request.function());
        ArrayNode outputs = out.putArray("outputs");
        ObjectNode named = out.putObject("named");
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = AbiCodec.json(values.get(i), json);
            outputs.add(value);
            String name = entry.path("outputs").get(i).path("name").asString("");
            if (!name.isEmpty()) {
                named.set(name, value);
            }
        }
        return out;
    }

    /** What {@link #scan} answers: the scanned contract and the scanner's report. */
    public record Scan(UUID contractId, String address, ContractScanner.Report report) {
    }

    /** Reads the deployed code from a node of the chain ({@code eth_getCode}) and scans it with the ABI; audited. */
    public Scan scan(UUID id) {
        Contract contract = transaction.execute(status -> get(id));
        List<Node> nodes = ethereum.nodesOf(contract.chainId());
        String code = clients.with(nodes.get(0).rpcUrl(), web3j -> web3j.ethGetCode(contract.address(),
                DefaultBlockParameterName.LATEST).send().getCode());
        if (code == null || Numeric.cleanHexPrefix(code).isEmpty()) {
            throw new ConflictException("Contract '" + contract.name() + "' has no code at " + contract.address()
                    + " any more");
        }
        Scan scan = new Scan(id, contract.address(), ContractScanner.scan(code, contract.abi()));
        transaction.executeWithoutResult(status -> audit.record(contract.orgId(), "contract.scan", "contract", id,
                null, java.util.Map.of("findings", scan.report().findings().stream()
                        .map(ContractScanner.Finding::check).toList())));
        return scan;
    }

    /**
     * Terminates the contract: ChainWatch refuses further invokes through its API (409). On chain the code stays:
     * since Cancun (EIP-6780) SELFDESTRUCT no longer removes an existing contract's code, and a contract without a
     * kill function cannot be removed at all. 409 when it is already terminated.
     */
    public ContractResponse terminate(UUID id, String reason) {
        return transaction.execute(status -> {
            Contract before = get(id);
            if (!contracts.terminate(id, reason)) {
                throw new ConflictException("Contract '" + before.name() + "' is already terminated");
            }
            ContractResponse after = view(get(id));
            audit.record(before.orgId(), "contract.terminate", "contract", id, view(before), after);
            return after;
        });
    }

    public ContractResponse read(UUID id) {
        return transaction.execute(status -> view(get(id)));
    }

    public Page<ContractResponse> list(UUID chainId, UUID orgId, String address, PageRequest page) {
        return transaction.execute(status -> contracts.find(chainId, orgId, address, page).map(this::view));
    }

    private Contract get(UUID id) {
        return contracts.findById(id).orElseThrow(() -> new NotFoundException("contract", id));
    }

    private ContractResponse view(Contract c) {
        return new ContractResponse(c.id(), c.chainId(), c.orgId(), c.name(), c.address(), c.abi(), c.txHash(),
                c.deployer(), secrets.view(c.deployerKeySecretId()), c.blockNumber(), c.createdAt(), c.version(),
                c.terminatedAt());
    }

    private static int sizeOf(JsonNode args) {
        return args == null || args.isNull() ? 0 : args.size();
    }
}
