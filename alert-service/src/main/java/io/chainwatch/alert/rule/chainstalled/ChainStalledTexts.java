package io.chainwatch.alert.rule.chainstalled;

import java.util.List;

import io.chainwatch.alert.evaluate.RuleTexts;
import io.chainwatch.alert.lifecycle.AlertEvent;

/** The words of {@code chain_stalled} messages. */
final class ChainStalledTexts implements RuleTexts {

    @Override
    public String title(List<AlertEvent> events, boolean zh) {
        return zh ? "链停止出块" : "Chain stalled";
    }

    @Override
    public String lead(List<AlertEvent> events, String chain, String node, boolean resolved, boolean zh) {
        AlertEvent e = events.get(0);
        if (resolved) {
            return zh ? "链 " + chain + " 恢复出块：最高区块高度已增加。"
                    : "The chain " + chain + " is advancing again: its best block height has increased.";
        }
        return zh ? "链 " + chain + " 已停止出块：最高区块高度至少 " + e.forSeconds() + " 秒未增加，且至少一个节点仍在应答。"
                : "The chain " + chain + " has stopped advancing: its best block height has not increased "
                        + "for at least " + e.forSeconds() + " s while at least one of its nodes answers.";
    }
}
