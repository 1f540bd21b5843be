package io.chainwatch.alert.rule.lagging;

import java.util.List;

import io.chainwatch.alert.evaluate.RuleTexts;
import io.chainwatch.alert.lifecycle.AlertEvent;

/**
 * The words of {@code lagging} messages: a lead sentence of its own (the default one repeated the summary, which the
 * message shows again under "What happened").
 */
final class LaggingTexts implements RuleTexts {

    @Override
    public String title(List<AlertEvent> events, boolean zh) {
        return zh ? "节点落后" : "Node lagging";
    }

    @Override
    public String lead(List<AlertEvent> events, String chain, String node, boolean resolved, boolean zh) {
        boolean one = events.size() == 1;
        if (resolved) {
            return zh ? "链 " + chain + " 的" + (one ? "节点 " : " ") + node + " 已追上链上最高的节点。"
                    : (one ? "The node " + node + " of chain " + chain + " has"
                            : node + " of chain " + chain + " have") + " caught up with the chain's best node.";
        }
        int forSeconds = events.get(0).forSeconds();
        return zh ? "链 " + chain + " 的" + (one ? "节点 " : " ") + node + " 落后：至少 " + forSeconds
                + " 秒内比链上最高的节点落后的区块数超过规则允许的值。"
                : (one ? "The node " + node + " of chain " + chain + " has"
                        : node + " of chain " + chain + " have") + " been more blocks behind the chain's best node"
                        + " than the rule allows for at least " + forSeconds + " s.";
    }
}
