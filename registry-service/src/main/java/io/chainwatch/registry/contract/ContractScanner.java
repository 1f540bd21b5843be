package io.chainwatch.registry.contract;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * A basic static scanner of EVM bytecode and ABI for known dangerous patterns. It walks the code instruction by
 * instruction (PUSH data is skipped, so a 0xff inside a constant is not a SELFDESTRUCT) up to the Solidity
 * metadata trailer, and reports:
 * <ul>
 * <li>{@code SELFDESTRUCT} (0xff) — high: the contract can be destroyed / its balance swept;</li>
 * <li>{@code DELEGATECALL} (0xf4) and {@code CALLCODE} (0xf2) — medium: code of another address runs with this
 * contract's storage (proxies do this on purpose);</li>
 * <li>{@code ORIGIN} (0x32, {@code tx.origin}) — medium: authorization by {@code tx.origin} can be phished;</li>
 * <li>an upgrade function in the ABI ({@code upgradeTo}, {@code upgradeToAndCall}, {@code setImplementation},
 * {@code changeImplementation}, {@code upgrade}) — high when the code never reads {@code CALLER} (0x33,
 * {@code msg.sender}), i.e. it cannot check who calls it; otherwise info (check its access control).</li>
 * </ul>
 * Limits, by design: no control or data flow — an opcode in unreachable code is still reported, a check hidden
 * in another contract (a library, a proxy's implementation) is not seen, and "reads CALLER somewhere" is taken as
 * "may be protected". It is a first filter, not an audit.
 */
public final class ContractScanner {

    /** One finding. {@code offsets}: where in the code (byte offsets), for opcode findings. */
    public record Finding(String check, String severity, String detail, List<Integer> offsets) {
    }

    /** What the scan looked at and found. */
    public record Report(int codeSize, int instructions, List<Finding> findings, String limits) {
    }

    static final String LIMITS = "Basic static scan: opcodes are found by a linear walk of the code (PUSH data "
            + "skipped, Solidity metadata ignored), without control or data flow; unreachable code is reported too, "
            + "checks in other contracts are not seen, and any read of msg.sender counts as possible access control.";

    private static final Set<String> UPGRADE_FUNCTIONS = Set.of("upgradeto", "upgradetoandcall", "setimplementation",
            "changeimplementation", "upgrade");

    private ContractScanner() {
    }

    /** Scans code given as hex (with or without {@code 0x}) and an ABI (a JSON array; {@code null}: none). */
    public static Report scan(String hexCode, JsonNode abi) {
        String hex = hexCode == null ? "" : hexCode.strip();
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        if (hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]*")) {
            throw new IllegalArgumentException("is not hex bytecode");
        }
        byte[] code = HexFormat.of().parseHex(hex);
        int end = codeEnd(code);
        Map<Integer, List<Integer>> seen = new LinkedHashMap<>();
        int instructions = 0;
        for (int pc = 0; pc < end; pc++) {
            int op = code[pc] & 0xff;
            instructions++;
            if (op >= 0x60 && op <= 0x7f) {
                pc += op - 0x5f;
                continue;
            }
            if (op == 0xff || op == 0xf4 || op == 0xf2 || op == 0x32 || op == 0x33) {
                seen.computeIfAbsent(op, k -> new ArrayList<>()).add(pc);
            }
        }
        List<Finding> findings = new ArrayList<>();
        if (seen.containsKey(0xff)) {
            findings.add(new Finding("SELFDESTRUCT", "high", "the code can self-destruct (SELFDESTRUCT, 0xff): the "
                    + "contract's balance can be swept and, before Cancun, its code removed", seen.get(0xff)));
        }
        if (seen.containsKey(0xf4)) {
            findings.add(new Finding("DELEGATECALL", "medium", "the code runs other code with its own storage "
                    + "(DELEGATECALL, 0xf4); expected in a proxy, dangerous when the target can be chosen by a caller",
                    seen.get(0xf4)));
        }
        if (seen.containsKey(0xf2)) {
            findings.add(new Finding("CALLCODE", "medium", "the code uses the deprecated CALLCODE (0xf2)",
                    seen.get(0xf2)));
        }
        if (seen.containsKey(0x32)) {
            findings.add(new Finding("TX_ORIGIN", "medium", "the code reads tx.origin (ORIGIN, 0x32); authorization by "
                    + "tx.origin lets any contract the owner calls act as the owner", seen.get(0x32)));
        }
        if (abi != null && abi.isArray()) {
            for (JsonNode entry : abi) {
                String name = entry.path("name").asString("");
                if ("function".equals(entry.path("type").asString())
                        && UPGRADE_FUNCTIONS.contains(name.toLowerCase(Locale.ROOT))
                        && !Set.of("view", "pure").contains(entry.path("stateMutability").asString())) {
                    boolean checksCaller = seen.containsKey(0x33);
                    findings.add(new Finding(checksCaller ? "UPGRADE_FUNCTION" : "UNPROTECTED_UPGRADE",
                            checksCaller ? "info" : "high", checksCaller
                                    ? "upgrade function " + name + " exists; check that only an admin can call it"
                                    : "upgrade function " + name + " exists and the code never reads msg.sender: "
                                            + "anyone can call it", List.of()));
                }
            }
        }
        return new Report(code.length, instructions, findings, LIMITS);
    }

    /** Where the instructions end: before the Solidity CBOR metadata when the last two bytes announce it. */
    private static int codeEnd(byte[] code) {
        if (code.length < 2) {
            return code.length;
        }
        int length = ((code[code.length - 2] & 0xff) << 8) | (code[code.length - 1] & 0xff);
        int start = code.length - 2 - length;
        // CBOR map (0xa1..0xa5) starting with the key "ipfs" or "bzzr": Solidity's metadata
        if (length > 0 && start > 0 && (code[start] & 0xf0) == 0xa0 && start + 6 < code.length
                && (code[start + 1] & 0xff) == 0x64) {
            String key = new String(code, start + 2, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (key.equals("ipfs") || key.equals("bzzr")) {
                return start;
            }
        }
        return code.length;
    }
}
