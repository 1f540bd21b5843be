package io.chainwatch.alert.rule.consistency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chainwatch.alert.evaluate.Condition;
import io.chainwatch.alert.evaluate.ConditionScope;
import io.chainwatch.alert.evaluate.Ledger;
import io.chainwatch.alert.evaluate.Series;

/**
 * {@code consistency}, per ledger (the chain; each Fabric channel across its peers): among the answering series that
 * report head hashes, the newest height for which at least two of them know their hash is compared. Different hashes
 * there → the condition holds; the nodes outside the largest group of equal hashes are the diverging ones (when no
 * group is larger than the others, every group is named). Fewer than two series with a common height: no judgement.
 * Holds continuously for forSeconds of poll time; resolves at the first comparison where all agree.
 */
public final class ConsistencyCondition implements Condition<ConsistencyRule> {

    @Override
    public void evaluate(ConsistencyRule rule, ConditionScope scope) {
        for (Ledger ledger : scope.ledgers()) {
            List<Series> reporting = new ArrayList<>();
            for (Series s : scope.series(ledger, true)) {
                if (s.latestHashHeight() >= 0 && scope.answering(s)) {
                    reporting.add(s);
                }
            }
            if (reporting.size() < 2) {
                continue;
            }
            long height = commonHeight(reporting);
            if (height < 0) {
                continue;
            }
            Map<String, List<Series>> byHash = new LinkedHashMap<>();
            List<Series> compared = new ArrayList<>();
            for (Series s : reporting) {
                String hash = s.hashAt(height);
                if (hash != null) {
                    byHash.computeIfAbsent(hash, h -> new ArrayList<>()).add(s);
                    compared.add(s);
                }
            }
            boolean holds = byHash.size() > 1;
            String chain = scope.chainName(ledger);
            scope.holds(scope.key(null, ledger.channel()), null, ledger, holds, ledger.latestPollMs(),
                    () -> holds ? divergence(chain, height, byHash)
                            : "Nodes of chain " + chain + " agree again: " + compared.size()
                                    + " nodes report the same block hash at height " + height,
                    (double) height, compared);
        }
    }

    /** The newest height at which at least two series know their hash, -1 when none. */
    private static long commonHeight(List<Series> reporting) {
        long best = -1;
        for (Series s : reporting) {
            long h = s.latestHashHeight();
            if (h <= best) {
                continue;
            }
            int known = 0;
            for (Series other : reporting) {
                if (other.hashAt(h) != null) {
                    known++;
                }
            }
            if (known >= 2) {
                best = h;
            }
        }
        if (best >= 0) {
            return best;
        }
        // no series' latest height is shared: the newest height some pair shares in their recent history
        for (Series s : reporting) {
            for (long h = s.latestHashHeight() - 1; h > best && h >= s.latestHashHeight() - 32; h--) {
                if (s.hashAt(h) == null) {
                    continue;
                }
                for (Series other : reporting) {
                    if (other != s && other.hashAt(h) != null) {
                        best = h;
                        break;
                    }
                }
            }
        }
        return best;
    }

    private static String divergence(String chain, long height, Map<String, List<Series>> byHash) {
        List<Map.Entry<String, List<Series>>> groups = new ArrayList<>(byHash.entrySet());
        groups.sort((a, b) -> b.getValue().size() - a.getValue().size());
        boolean majority = groups.get(0).getValue().size() > groups.get(1).getValue().size();
        StringBuilder b = new StringBuilder("Nodes of chain ").append(chain)
                .append(" report different block hashes at height ").append(height).append(": ");
        if (majority) {
            List<String> diverging = new ArrayList<>();
            for (int i = 1; i < groups.size(); i++) {
                for (Series s : groups.get(i).getValue()) {
                    diverging.add(s.name() + " (" + shortHash(groups.get(i).getKey()) + ")");
                }
            }
            b.append(String.join(", ", diverging)).append(" diverge from ")
                    .append(names(groups.get(0).getValue())).append(" (")
                    .append(shortHash(groups.get(0).getKey())).append(')');
        } else {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, List<Series>> g : groups) {
                parts.add(names(g.getValue()) + " report " + shortHash(g.getKey()));
            }
            b.append(String.join("; ", parts));
        }
        return b.toString();
    }

    private static String names(List<Series> series) {
        return String.join(", ", series.stream().map(Series::name).toList());
    }

    private static String shortHash(String hash) {
        return hash.length() <= 18 ? hash : hash.substring(0, 18) + "…";
    }
}
