package io.chainwatch.registry.ledger;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The verifier command shipped with the registry: checks a log exported by {@code GET /api/v1/ledger/export} against
 * its signed tree heads ({@link LogVerification}), trusting only the log's public key.
 *
 * <pre>
 * java -cp registry-service.jar -Dloader.main=io.chainwatch.registry.ledger.LedgerVerifier \
 *      org.springframework.boot.loader.launch.PropertiesLauncher export.json [--public-key BASE64]
 * </pre>
 * Without {@code --public-key} it trusts the key written in the export (and says so): pin the key you got from
 * {@code GET /api/v1/ledger/public-key} earlier, or from the operator. {@code --new-key} prints a new Ed25519 key pair
 * for {@code chainwatch.registry.ledger.signing-key}. Exit status 0: the log is intact; 1: it is not (the first bad
 * entry and the first contradicted tree head are printed); 2: bad usage or an unreadable file.
 */
public final class LedgerVerifier {

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
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--public-key"))) {
            err.println("usage: LedgerVerifier <export.json> [--public-key <base64 X.509 Ed25519 key>] | --new-key");
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
            if (args.length == 3) {
                key = LogSignatures.decodePublic(args[2]);
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
                    LogVerification.base64(text(entry, "signature")), LogVerification.base64(text(entry, "data"))));
        }
        List<LogVerification.Head> heads = new ArrayList<>();
        for (JsonNode head : export.path("treeHeads")) {
            heads.add(new LogVerification.Head(head.path("treeSize").asLong(),
                    MerkleTree.unhex(head.path("rootHash").asString()), head.path("timestampMs").asLong(),
                    LogVerification.base64(text(head, "signature"))));
        }
        LogVerification.Result result = LogVerification.verify(leaves, heads, key);
        if (result.ok()) {
            out.println("OK: " + result.entries() + " entries consistent with " + result.heads()
                    + " signed tree heads (key id " + LogSignatures.keyId(key) + ")");
            return 0;
        }
        out.println("FAILED: the log does not match its signed tree heads");
        if (result.firstBadEntry() >= 0) {
            out.println("first bad entry: " + result.firstBadEntry() + ": " + result.firstBadReason());
        }
        if (result.firstBadHead() >= 0) {
            out.println("first contradicted tree head: size " + result.firstBadHead() + ": "
                    + result.firstBadHeadReason());
        }
        for (String problem : result.problems()) {
            out.println("  " + problem);
        }
        return 1;
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isString() ? node.path(field).asString() : null;
    }
}
