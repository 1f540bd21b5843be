package io.chainwatch.alert.rule.consistency;

import java.util.List;

import io.chainwatch.alert.evaluate.RuleTexts;
import io.chainwatch.alert.lifecycle.AlertEvent;

/** The words of {@code consistency} messages. */
final class ConsistencyTexts implements RuleTexts {

    @Override
    public String title(List<AlertEvent> events, boolean zh) {
        return zh ? "节点区块不一致" : "Nodes disagree";
    }

    @Override
    public String lead(List<AlertEvent> events, String chain, String node, boolean resolved, boolean zh) {
        AlertEvent e = events.get(0);
        if (resolved) {
            return zh ? "链 " + chain + " 的节点在同一高度上的区块哈希重新一致。"
                    : "The nodes of chain " + chain + " agree again on the block hash at the same height.";
        }
        return zh ? "链 " + chain + " 的节点在同一高度报告了不同的区块哈希（分叉、节点连错网络或数据损坏），已持续至少 "
                + e.forSeconds() + " 秒：" + e.summary()
                : "Nodes of chain " + chain + " have reported different block hashes at the same height (a fork, a "
                        + "node on the wrong network, or a corrupt node) for at least " + e.forSeconds() + " s: "
                        + e.summary();
    }
}
