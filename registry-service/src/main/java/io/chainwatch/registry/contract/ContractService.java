package io.chainwatch.registry.contract;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.monitoredchain.Chain;
import io.chainwatch.registry.monitoredchain.ChainService;
import io.chainwatch.registry.ethereum.EthereumClients;
import io.chainwatch.registry.ethereum.EthereumOperations;
import io.chainwatch.registry.node.Node;
import io.chainwatch.registry.signingkey.SigningKeyService;
import io.chainwatch.registry.web.PlatformCallException;
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
 * Deploys contracts to ETHEREUM chains of the registry (plain, or as the implementation behind a ChainWatch ERC-1967
 * proxy), upgrades proxied ones, and calls their view functions. Transactions are signed with an organization
 * signing key ({@link SigningKeyService}) of the chain's organization. The chain is reached through its first node;
 * no database transaction is held while the node works, and the registry records a deployment or an upgrade only
 * once the chain has it.
 */
@Service
public class ContractService {

    private final ContractRepository contracts;
    private final ChainService chains;
    private final EthereumOperations ethereum;
    private final EthereumClients clients;
    private final SigningKeyService keys;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    ContractService(ContractRepository contracts, ChainService chains, EthereumOperations ethereum,
            EthereumClients clients, SigningKeyService keys, AuditLog audit, TransactionTemplate transaction,
            JsonMapper json) {
        this.contracts = contracts;
        this.chains = chains;
        this.ethereum = ethereum;
        this.clients = clients;
        this.keys = keys;
        this.audit = audit;
        this.transaction = transaction;
        this.json = json;
    }

    /** The receipts of a deployment: the code's, and the proxy's when upgradeable (else the same). */
    private record Deployed(TransactionReceipt code, TransactionReceipt proxy) {
    }

    /**
     * Signs and sends the creation transaction (and, when upgradeable, the proxy's), waits for the receipts, and
     * records the contract. The key must be one of the chain organization's signing keys (else 404).
     */
    @SuppressWarnings("rawtypes")
    public ContractResponse deploy(ContractRequests.Deploy request) {
        if (!request.abi().isArray()) {
            throw new InvalidRequestException("abi", "must be the contract's ABI, a JSON array");
        }
        if (request.initializer() != null && !request.isUpgradeable()) {
            throw new InvalidRequestException("initializer", "is only for an upgradeable contract (the proxy calls "
                    + "it); a plain contract takes constructorArgs");
        }
        Chain chain = transaction.execute(status -> chains.get(request.chainId()));
        SigningKeyService.Signer signer = transaction.execute(status -> keys.signer(chain.orgId(), request.keyId()));
        List<Node> nodes = ethereum.nodesOf(request.chainId());
        if (transaction.execute(status -> contracts.nameTaken(chain.id(), request.name()))) {
            throw new DuplicateNameException("Chain '" + chain.name() + "' already has a contract named '"
                    + request.name() + "'", null);
        }
        List<Type> args = AbiCodec.inputs(AbiCodec.entry(request.abi(), null, sizeOf(request.constructorArgs())),
                request.constructorArgs(), "constructorArgs");
        String data = request.bytecode() + Numeric.cleanHexPrefix(FunctionEncoder.encodeConstructor(args));
        byte[] initializer = request.initializer() == null ? new byte[0]
                : encodeCall(request.abi(), request.initializer(), "initializer");
        Deployed deployed = clients.with(nodes.get(0).rpcUrl(), web3j -> {
            TransactionReceipt code = send(web3j, signer, null, data, "bytecode", "deployment");
            if (!request.isUpgradeable()) {
                return new Deployed(code, code);
            }
            return new Deployed(code, send(web3j, signer, null, Erc1967Proxy.creation(code.getContractAddress(),
                    signer.address(), initializer), "initializer", "proxy deployment"));
        });
        return transaction.execute(status -> {
            keys.lockForUse(chain.orgId(), signer.keyId());
            TransactionReceipt proxy = deployed.proxy();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Contract contract = new Contract(UUID.randomUUID(), chain.id(), chain.orgId(), request.name(),
                    proxy.getContractAddress(), request.abi(), proxy.getTransactionHash(), signer.address(),
                    signer.keyId(), proxy.getBlockNumber().longValue(), now, 1, null, request.isUpgradeable(),
                    deployed.code().getContractAddress(), 1);
            try {
                contracts.insert(contract);
            } catch (DuplicateKeyException e) {
                throw new DuplicateNameException("Chain '" + chain.name() + "' already has a contract named '"
                        + request.name() + "' (deployed meanwhile at " + contract.address() + ")", e);
            }
            contracts.insertRevision(contract.id(), new ContractRevision(1, contract.implementation(), request.abi(),
                    deployed.code().getTransactionHash(), null, deployed.code().getBlockNumber().longValue(),
                    signer.address(), signer.keyId(), now));
            ContractResponse view = view(contract);
            audit.record(chain.orgId(), "contract.deploy", "contract", contract.id(), null, view);
            return view;
        });
    }

    /** The receipts of an upgrade: the new implementation's deployment and the proxy's switch to it. */
    private record Upgraded(TransactionReceipt code, TransactionReceipt upgrade) {
    }

    /**
     * Upgrades an upgradeable contract: deploys the new implementation and calls the proxy's
     * {@code upgradeToAndCall}, signed by the given key, which must be the proxy's admin (read on chain); then
     * records the new implementation and ABI as the next revision. 409 for a plain or terminated contract, for a key
     * that is not the admin, and when the proxy no longer points where the registry thinks. Nothing is recorded when
     * a transaction fails.
     */
    @SuppressWarnings("rawtypes")
    public ContractResponse upgrade(UUID id, ContractRequests.Upgrade request) {
        Contract before = transaction.execute(status -> get(id));
        if (before.terminatedAt() != null) {
            throw new ConflictException("Contract '" + before.name() + "' was terminated at " + before.terminatedAt()
                    + "; it cannot be upgraded");
        }
        if (!before.upgradeable()) {
            throw new ConflictException("Contract '" + before.name() + "' was not deployed upgradeable (it has no "
                    + "proxy); deploy it again with \"upgradeable\": true");
        }
        if (!request.abi().isArray()) {
            throw new InvalidRequestException("abi", "must be the new implementation's ABI, a JSON array");
        }
        List<Type> args = AbiCodec.inputs(AbiCodec.entry(request.abi(), null, sizeOf(request.constructorArgs())),
                request.constructorArgs(), "constructorArgs");
        String data = request.bytecode() + Numeric.cleanHexPrefix(FunctionEncoder.encodeConstructor(args));
        byte[] call = request.call() == null ? new byte[0] : encodeCall(request.abi(), request.call(), "call");
        SigningKeyService.Signer signer = transaction.execute(status -> keys.signer(before.orgId(), request.keyId()));
        List<Node> nodes = ethereum.nodesOf(before.chainId());
        Upgraded upgraded = clients.with(nodes.get(0).rpcUrl(), web3j -> {
            String admin = Erc1967Proxy.read(web3j, before.address(), Erc1967Proxy.ADMIN_SLOT);
            if (!admin.equalsIgnoreCase(signer.address())) {
                throw new ConflictException("The proxy of contract '" + before.name() + "' is administered by "
                        + admin + "; signing key " + signer.keyId() + " (" + signer.address() + ") cannot upgrade it");
            }
            String current = Erc1967Proxy.read(web3j, before.address(), Erc1967Proxy.IMPLEMENTATION_SLOT);
            if (!current.equalsIgnoreCase(before.implementation())) {
                throw new ConflictException("The proxy of contract '" + before.name() + "' points at " + current
                        + " on chain, the registry records " + before.implementation() + "; it was changed outside "
                        + "ChainWatch");
            }
            TransactionReceipt code = send(web3j, signer, null, data, "bytecode", "implementation deployment");
            TransactionReceipt switched = send(web3j, signer, before.address(),
                    Erc1967Proxy.upgradeToAndCall(code.getContractAddress(), call), "call", "upgrade");
            return new Upgraded(code, switched);
        });
        String implementation = upgraded.code().getContractAddress();
        return transaction.execute(status -> {
            keys.lockForUse(before.orgId(), signer.keyId());
            if (!contracts.upgrade(id, before.revision(), implementation, request.abi(), signer.keyId())) {
                throw new ConflictException("Contract '" + before.name() + "' was upgraded or terminated meanwhile; "
                        + "its proxy now points at " + implementation + " (transaction "
                        + upgraded.upgrade().getTransactionHash() + ")");
            }
            contracts.insertRevision(id, new ContractRevision(before.revision() + 1, implementation, request.abi(),
                    upgraded.code().getTransactionHash(), upgraded.upgrade().getTransactionHash(),
                    upgraded.upgrade().getBlockNumber().longValue(), signer.address(), signer.keyId(),
                    Instant.now().truncatedTo(ChronoUnit.MICROS)));
            ContractResponse after = view(get(id));
            audit.record(before.orgId(), "contract.upgrade", "contract", id, view(before), after);
            return after;
        });
    }

    /** The implementations the contract had, oldest first. */
    public List<ContractRevision> revisions(UUID id) {
        return transaction.execute(status -> {
            get(id);
            return contracts.revisions(id);
        });
    }

    /** Call data of a function of {@code abi} with its arguments ({@code field} names the request part). */
    @SuppressWarnings("rawtypes")
    private static byte[] encodeCall(JsonNode abi, ContractRequests.Call call, String field) {
        JsonNode entry = AbiCodec.entry(abi, call.function(), sizeOf(call.args()));
        if (entry == null) {
            throw new InvalidRequestException(field + ".function", "the ABI has no function " + call.function()
                    + " taking " + sizeOf(call.args()) + " argument(s)");
        }
        List<Type> inputs = AbiCodec.inputs(entry, call.args(), field + ".args");
        return Numeric.hexStringToByteArray(FunctionEncoder.encode(new Function(call.function(), inputs, List.of())));
    }

    /**
     * Signs and sends a transaction ({@code to} null: a contract creation), waits for its receipt and answers it
     * when it succeeded. A transaction the node's gas estimate shows would fail is a 400 on {@code field} (a
     * revert, an invalid opcode) or a 409 (the key's account cannot pay); a reverted or refused one a 502.
     */
    private static TransactionReceipt send(Web3j web3j, SigningKeyService.Signer signer, String to, String data,
            String field, String what) throws IOException {
        long chainId = web3j.ethChainId().send().getChainId().longValue();
        BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
        BigInteger balance = web3j.ethGetBalance(signer.address(), DefaultBlockParameterName.LATEST).send()
                .getBalance();
        if (balance != null && balance.signum() == 0 && gasPrice.signum() > 0) {
            throw new ConflictException("The account of signing key " + signer.keyId() + " (" + signer.address()
                    + ") holds no ether and cannot pay for the " + what);
        }
        var estimate = web3j.ethEstimateGas(to == null
                ? Transaction.createContractTransaction(signer.address(), null, gasPrice, data)
                : Transaction.createEthCallTransaction(signer.address(), to, data)).send();
        if (estimate.hasError()) {
            String message = estimate.getError().getMessage();
            String lower = message.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("insufficient funds") || lower.contains("exceeds allowance")) {
                throw new ConflictException("The account of signing key " + signer.keyId() + " (" + signer.address()
                        + ") cannot pay for the " + what + ": " + message);
            }
            if (lower.contains("revert") || lower.contains("opcode") || lower.contains("evm error")) {
                throw new InvalidRequestException(field, "fails on chain (the " + what + " would fail: " + message
                        + ")");
            }
            throw new PlatformCallException("the node cannot run the " + what + ": " + message);
        }
        BigInteger gasLimit = estimate.getAmountUsed().multiply(BigInteger.valueOf(12)).divide(BigInteger.TEN);
        EthSendTransaction sent = new RawTransactionManager(web3j, signer.credentials(), chainId)
                .sendTransaction(gasPrice, gasLimit, to, data, BigInteger.ZERO, to == null);
        if (sent.hasError()) {
            throw new PlatformCallException("the node refused the " + what + ": " + sent.getError().getMessage());
        }
        TransactionReceipt receipt;
        try {
            receipt = new PollingTransactionReceiptProcessor(web3j, 100, 300)
                    .waitForTransactionReceipt(sent.getTransactionHash());
        } catch (TransactionException e) {
            throw new PlatformCallException("no receipt for " + sent.getTransactionHash() + ": " + e.getMessage(), e);
        }
        if (!receipt.isStatusOK() || (to == null && receipt.getContractAddress() == null)) {
            throw new PlatformCallException("the " + what + " transaction " + receipt.getTransactionHash()
                    + " reverted (status " + receipt.getStatus() + ")");
        }
        return receipt;
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

    /**
     * What {@link #scan} answers: the scanned contract, the address whose code was scanned (the implementation of an
     * upgradeable contract, not ChainWatch's proxy) and the scanner's report.
     */
    public record Scan(UUID contractId, String address, ContractScanner.Report report) {
    }

    /**
     * Reads the deployed code from a node of the chain ({@code eth_getCode}; of the implementation when upgradeable)
     * and scans it with the ABI; audited.
     */
    public Scan scan(UUID id) {
        Contract contract = transaction.execute(status -> get(id));
        List<Node> nodes = ethereum.nodesOf(contract.chainId());
        String code = clients.with(nodes.get(0).rpcUrl(), web3j -> web3j.ethGetCode(contract.implementation(),
                DefaultBlockParameterName.LATEST).send().getCode());
        if (code == null || Numeric.cleanHexPrefix(code).isEmpty()) {
            throw new ConflictException("Contract '" + contract.name() + "' has no code at "
                    + contract.implementation() + " any more");
        }
        Scan scan = new Scan(id, contract.implementation(), ContractScanner.scan(code, contract.abi()));
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
                c.deployer(), c.signingKeyId(), c.blockNumber(), c.createdAt(), c.version(), c.terminatedAt(),
                c.upgradeable(), c.implementation(), c.revision());
    }

    private static int sizeOf(JsonNode args) {
        return args == null || args.isNull() ? 0 : args.size();
    }
}
