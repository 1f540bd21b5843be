package io.chainwatch.registry.ledger.verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chainwatch.registry.ledger.LogSignatures;
import io.chainwatch.registry.ledger.LogVerification;
import io.chainwatch.registry.ledger.MerkleTree;
import io.chainwatch.registry.ledger.anchor.EthereumAnchor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The verifier command shipped with the registry: checks a log exported by {@code GET /api/v1/ledger/export} against
 * its signed tree heads ({@link LogVerification}), trusting only the log's public key, and, given a node of the
 * anchoring chain, against the roots anchored there ({@link AnchorCheck}).
 *
 * <pre>
 * java -cp registry-service.jar -Dloader.main=io.chainwatch.registry.ledger.verifier.LedgerVerifier \
 *      org.springframework.boot.loader.launch.PropertiesLauncher export.json [--public-key BASE64] \
 *      [--chain-rpc URL [--anchor-address 0x...]]
 * </pre>
 * Without {@code --public-key} it trusts the key written in the export (and says so): pin the key you got from
 * {@code GET /api/v1/ledger/public-key} earlier, or from the operator. {@code --chain-rpc} is the JSON-RPC URL of a
 * node of the anchoring chain you trust (your own); {@code --anchor-address} pins the account that anchors.
 * {@code --new-key} prints a new Ed25519 key pair for {@code chainwatch.registry.ledger.signing-key}. Exit status 0:
 * the log is intact; 1: it is not (the first bad entry and the first contradicted tree head are printed); 2: bad
 * usage, an unreadable file, or a chain that cannot be read.
 */
public final class LedgerVerifier {

    private static final String USAGE = "usage: LedgerVerifier <export.json> [--public-key <base64 X.509 Ed25519 key>]"
            + " [--chain-rpc <url> [--anchor-address <0x...>]] | --new-key";

    private LedgerVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && args[0].equals("--new-key")) {
            KeyPair pair = LogSignatures.generate();
            out.println("# the registry signs the log with this (keep it secret)");
            out.println("CHAINWATCH_REGISTRY_LEDGER_SIGNING_KEY="
                    + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            out.println("# auditors verify with this");
            out.println("public key: " + LogSignatures.encode(pair.getPublic()));
            return 0;
        }
        Map<String, String> options = new HashMap<>();
        if (args.length == 0 || args.length % 2 == 0) {
            err.println(USAGE);
            return 2;
        }
        for (int i = 1; i < args.length; i += 2) {
            if (!List.of("--public-key", "--chain-rpc", "--anchor-address").contains(args[i])) {
                err.println(USAGE);
                return 2;
            }
            options.put(args[i], args[i + 1]);
        }
        if (options.containsKey("--anchor-address") && !options.containsKey("--chain-rpc")) {
            err.println("--anchor-address needs --chain-rpc (the chain to read the anchors from)");
            return 2;
        }
        JsonNode export;
        try {
            export = JsonMapper.builder().build().readTree(Files.readString(Path.of(args[0])));
        } catch (IOException | RuntimeException e) {
            err.println("cannot read " + args[0] + ": " + e.getMessage());
            return 2;
        }
        PublicKey key;
        try {
            if (options.containsKey("--public-key")) {
                key = LogSignatures.decodePublic(options.get("--public-key"));
                if (!LogSignatures.encode(key).equals(export.path("publicKey").asString())) {
                    out.println("note: the export names another key (" + export.path("keyId").asString()
                            + "); verifying with the pinned one");
                }
            } else {
                key = LogSignatures.decodePublic(export.path("publicKey").asString());
                out.println("note: trusting the public key written in the export (key id "
                        + LogSignatures.keyId(key) + "); pin it with --public-key");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        List<LogVerification.Leaf> leaves = new ArrayList<>();
        for (JsonNode entry : export.path("entries")) {
            leaves.add(new LogVerification.Leaf(entry.path("index").asLong(), entry.path("appendedAtMs").asLong(),
                    entry.path("leafHash").isString() ? MerkleTree.unhex(entry.path("leafHash").asString()) : null,
                    base64(text(entry, "signature")), base64(text(entry, "data"))));
        }
        List<LogVerification.Head> heads = new ArrayList<>();
        Map<Long, byte[]> roots = new HashMap<>();
        for (JsonNode head : export.path("treeHeads")) {
            heads.add(new LogVerification.Head(head.path("treeSize").asLong(),
                    MerkleTree.unhex(head.path("rootHash").asString()), head.path("timestampMs").asLong(),
                    base64(text(head, "signature"))));
            roots.put(head.path("treeSize").asLong(), MerkleTree.unhex(head.path("rootHash").asString()));
        }
        LogVerification.Result result = LogVerification.verify(leaves, heads, key);

        AnchorCheck.Result anchors = null;
        if (options.containsKey("--chain-rpc")) {
            List<AnchorCheck.Anchor> exported = new ArrayList<>();
            for (JsonNode a : export.path("anchors")) {
                exported.add(new AnchorCheck.Anchor(a.path("treeSize").asLong(), a.path("chainId").asLong(),
                        a.path("txHash").asString(), a.path("blockNumber").asLong(), a.path("fromAddress").asString()));
            }
            try (EthereumAnchor chain = EthereumAnchor.reader(options.get("--chain-rpc"))) {
                anchors = AnchorCheck.check(roots, exported, chain, options.get("--anchor-address"));
            } catch (AnchorCheck.ChainUnreadable e) {
                err.println(e.getMessage());
                return 2;
            }
        }

        boolean anchorsOk = anchors == null || anchors.problems().isEmpty();
        if (result.ok() && anchorsOk) {
            out.println("OK: " + result.entries() + " entries consistent with " + result.heads()
                    + " signed tree heads (key id " + LogSignatures.keyId(key) + ")");
            if (anchors != null) {
                out.println("OK: " + anchors.verified() + " tree heads anchored on the chain, each root equal to"
                        + " the chain's copy" + (anchors.waiting().isEmpty() ? ""
                        : "; not anchored yet: sizes " + anchors.waiting()));
            } else {
                out.println("note: anchors not checked; give --chain-rpc to compare the roots with the chain's copies"
                        + " (the holder of the log key could otherwise re-sign a rewritten log)");
            }
            return 0;
        }
        out.println(result.ok() ? "FAILED: the signed tree heads do not match their anchors on the chain"
                : anchorsOk ? "FAILED: the log does not match its signed tree heads"
                : "FAILED: the log does not match its signed tree heads, nor the heads their anchors on the chain");
        if (result.firstBadEntry() >= 0) {
            out.println("first bad entry: " + result.firstBadEntry() + ": " + result.firstBadReason());
        }
        long firstHead = result.firstBadHead();
        String firstHeadReason = result.firstBadHeadReason();
        if (!anchorsOk && (firstHead < 0 || anchors.firstBadHead() < firstHead)) {
            firstHead = anchors.firstBadHead();
            firstHeadReason = anchors.firstBadReason();
        }
        if (firstHead >= 0) {
            out.println("first contradicted tree head: size " + firstHead + ": " + firstHeadReason);
        }
        for (String problem : result.problems()) {
            out.println("  " + problem);
        }
        if (anchors != null) {
            for (String problem : anchors.problems()) {
                out.println("  " + problem);
            }
        }
        return 1;
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isString() ? node.path(field).asString() : null;
    }

    private static byte[] base64(String text) {
        return text == null ? null : Base64.getDecoder().decode(text);
    }
}
