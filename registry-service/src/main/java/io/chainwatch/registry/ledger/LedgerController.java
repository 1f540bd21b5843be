package io.chainwatch.registry.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.chainwatch.registry.web.Access;
import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.registry.web.NotFoundException;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.Paging;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/ledger}: the tamper-evident log, read-only except for asking for a tree head now. Hashes and tree
 * heads are visible to every caller (they reveal nothing); an entry's content only to its organization's members and
 * platform admins — others get its leaf hash in the export and a 404 for the entry itself.
 */
@RestController
@RequestMapping("/api/v1/ledger")
class LedgerController {

    private static final int EXPORT_LIMIT = 100_000;

    private final LedgerRepository ledger;
    private final LeafHashes leaves;
    private final TreeHeads heads;
    private final LogKey key;
    private final Paging paging;
    private final JsonMapper json;

    LedgerController(LedgerRepository ledger, LeafHashes leaves, TreeHeads heads, LogKey key, Paging paging,
            JsonMapper json) {
        this.ledger = ledger;
        this.leaves = leaves;
        this.heads = heads;
        this.key = key;
        this.paging = paging;
        this.json = json;
    }

    /** A signed tree head (hashes hex, signature base64 over RFC 6962's TreeHeadSignature). */
    record TreeHeadView(long treeSize, String rootHash, long timestampMs, String keyId, String signature) {

        static TreeHeadView of(LedgerRepository.TreeHead head) {
            return new TreeHeadView(head.treeSize(), MerkleTree.hex(head.rootHash()), head.timestampMs(), head.keyId(),
                    Base64.getEncoder().encodeToString(head.signature()));
        }
    }

    /** The log key. */
    record PublicKeyView(String algorithm, String keyId, String publicKey) {
    }

    /**
     * One entry with its inclusion proof in a signed tree head.
     *
     * @param data      the leaf data, base64 (the exact bytes hashed)
     * @param entry     the same bytes read as JSON (the audit entry)
     * @param signature the log key's signature over (index, appendedAtMs, leafHash), base64
     */
    record EntryView(long index, long appendedAtMs, String leafHash, String signature, String data, JsonNode entry,
            TreeHeadView treeHead, List<String> inclusionProof) {
    }

    /** A consistency proof between the trees of size {@code first} and {@code second}, with both roots. */
    record ConsistencyView(long first, long second, String firstRootHash, String secondRootHash, List<String> proof) {
    }

    /** One leaf in the export: {@code data} (base64) only when the caller may see the entry. */
    record ExportLeaf(long index, long appendedAtMs, String leafHash, String signature, String data) {
    }

    /** Where a head's root was written on a chain: the verifier reads the transaction back from the chain. */
    record ExportAnchor(long treeSize, long chainId, String txHash, long blockNumber, String fromAddress) {
    }

    /** What the verifier command reads. */
    record Export(String algorithm, String keyId, String publicKey, List<ExportLeaf> entries,
            List<TreeHeadView> treeHeads, List<ExportAnchor> anchors) {
    }

    @GetMapping("/public-key")
    PublicKeyView publicKey() {
        return new PublicKeyView("Ed25519", key.keyId(), key.publicKeyBase64());
    }

    @GetMapping("/tree-heads")
    ResponseEntity<List<TreeHeadView>> treeHeads(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        PageRequest request = paging.request(page, size);
        List<TreeHeadView> items = ledger.heads((int) request.offset(), request.size()).stream().map(TreeHeadView::of)
                .toList();
        return paging.ok(new Page<>(items, ledger.headCount()), request);
    }

    @GetMapping("/tree-heads/latest")
    TreeHeadView latest() {
        return ledger.latestHead().map(TreeHeadView::of)
                .orElseThrow(() -> new NotFoundException("No tree head has been signed yet"));
    }

    @GetMapping("/tree-heads/{treeSize}")
    TreeHeadView treeHead(@PathVariable long treeSize) {
        return ledger.head(treeSize).map(TreeHeadView::of)
                .orElseThrow(() -> new NotFoundException("No signed tree head of size " + treeSize + " exists"));
    }

    /** Signs a tree head of the current log size now (200 with the newest head if the log did not grow). */
    @PostMapping("/tree-heads")
    ResponseEntity<TreeHeadView> signNow() {
        Access.require(Role.OPERATOR);
        long before = ledger.latestHead().map(LedgerRepository.TreeHead::treeSize).orElse(-1L);
        LedgerRepository.TreeHead head = heads.signIfGrown();
        return ResponseEntity.status(head.treeSize() > before ? HttpStatus.CREATED : HttpStatus.OK)
                .body(TreeHeadView.of(head));
    }

    /**
     * One entry and its inclusion proof in the signed tree head of size {@code treeSize} (default: the smallest
     * signed head containing it).
     */
    @GetMapping("/entries/{index}")
    EntryView entry(@PathVariable long index, @RequestParam(required = false) Long treeSize) {
        LedgerRepository.Leaf leaf = ledger.leaf(index).filter(l -> visible(l.orgId()))
                .orElseThrow(() -> new NotFoundException("No log entry " + index + " exists"));
        LedgerRepository.TreeHead head;
        if (treeSize == null) {
            head = ledger.firstHeadContaining(index).orElseThrow(() -> new io.chainwatch.registry.web.ConflictException(
                    "Entry " + index + " is in no signed tree head yet: POST /api/v1/ledger/tree-heads signs one now"));
        } else {
            head = ledger.head(treeSize)
                    .orElseThrow(() -> new NotFoundException("No signed tree head of size " + treeSize + " exists"));
            if (treeSize <= index) {
                throw new InvalidRequestException("treeSize", "must be greater than the entry's index " + index);
            }
        }
        List<byte[]> hashes = leaves.first(head.treeSize());
        List<String> proof = MerkleTree.inclusionProof(hashes, index, head.treeSize()).stream().map(MerkleTree::hex)
                .toList();
        return new EntryView(leaf.index(), leaf.appendedAtMs(), MerkleTree.hex(leaf.leafHash()),
                Base64.getEncoder().encodeToString(leaf.signature()), Base64.getEncoder().encodeToString(leaf.data()),
                readJson(leaf.data()), TreeHeadView.of(head), proof);
    }

    /** The entry id's leaf index (a redirect-free lookup: the answer is the entry as {@code /entries/{index}}). */
    @GetMapping("/entries")
    EntryView entryById(@RequestParam UUID entryId, @RequestParam(required = false) Long treeSize) {
        long index = ledger.indexOf(entryId)
                .orElseThrow(() -> new NotFoundException("No log entry with entry id " + entryId + " exists"));
        return entry(index, treeSize);
    }

    @GetMapping("/consistency-proof")
    ConsistencyView consistency(@RequestParam long first, @RequestParam long second) {
        long size = ledger.size();
        if (first < 0) {
            throw new InvalidRequestException("first", "must be 0 or more");
        }
        if (second < first) {
            throw new InvalidRequestException("second", "must not be smaller than first");
        }
        if (second > size) {
            throw new InvalidRequestException("second", "must not exceed the log size " + size);
        }
        List<byte[]> hashes = leaves.first(second);
        return new ConsistencyView(first, second, MerkleTree.hex(MerkleTree.root(hashes.subList(0, (int) first))),
                MerkleTree.hex(MerkleTree.root(hashes)),
                MerkleTree.consistencyProof(hashes, first, second).stream().map(MerkleTree::hex).toList());
    }

    /**
     * The log for the verifier command ({@code LedgerVerifier}): every leaf (content only where the caller may see
     * it), every signed tree head, where each head's root was anchored on a chain, the public key. At most {@value #EXPORT_LIMIT} leaves from {@code from}.
     */
    @GetMapping("/export")
    Export export(@RequestParam(defaultValue = "0") long from) {
        if (from < 0) {
            throw new InvalidRequestException("from", "must be 0 or more");
        }
        List<ExportLeaf> entries = new ArrayList<>();
        long next = from;
        while (entries.size() < EXPORT_LIMIT) {
            List<LedgerRepository.Leaf> batch = ledger.leaves(next, 1000);
            if (batch.isEmpty()) {
                break;
            }
            for (LedgerRepository.Leaf leaf : batch) {
                entries.add(new ExportLeaf(leaf.index(), leaf.appendedAtMs(), MerkleTree.hex(leaf.leafHash()),
                        Base64.getEncoder().encodeToString(leaf.signature()),
                        visible(leaf.orgId()) ? Base64.getEncoder().encodeToString(leaf.data()) : null));
                next = leaf.index() + 1;
            }
        }
        return new Export("Ed25519", key.keyId(), key.publicKeyBase64(), entries,
                ledger.allHeads().stream().map(TreeHeadView::of).toList(),
                ledger.anchors().stream().map(x -> new ExportAnchor(x.treeSize(), x.chainId(), x.txHash(),
                        x.blockNumber(), x.fromAddress())).toList());
    }

    private static boolean visible(UUID orgId) {
        Caller caller = Access.caller();
        return caller.isPlatformAdmin() || (orgId != null && orgId.equals(caller.orgId()));
    }

    private JsonNode readJson(byte[] data) {
        try {
            return json.readTree(new String(data, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
