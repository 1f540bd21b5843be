package io.chainwatch.alert.rule.nodeunreachable;

import java.util.List;

import io.chainwatch.alert.evaluate.RuleTexts;
import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.lifecycle.NodeView;
import io.chainwatch.events.PollOutcome;

/**
 * The words of {@code node_unreachable} messages. A node that answers every call with a JSON-RPC error is not
 * unreachable: when every node of the message is {@link PollOutcome#ERRORING}, the texts say "erroring" and the
 * summary carries the error's code and message.
 */
final class NodeUnreachableTexts implements RuleTexts {

    /** Words in the summary of a resolution of an erroring node (so its resolution is titled like its firing). */
    static final String WAS_ERRORING = "erroring";

    @Override
    public String title(List<AlertEvent> events, boolean zh) {
        if (erroring(events)) {
            return zh ? "节点返回错误" : "Node erroring";
        }
        return zh ? "节点不可达" : "Node unreachable";
    }

    @Override
    public String lead(List<AlertEvent> events, String chain, String node, boolean resolved, boolean zh) {
        AlertEvent e = events.get(0);
        if (resolved) {
            return zh ? "链 " + chain + " 的节点 " + node + " 已恢复应答。"
                    : "The node " + node + " of chain " + chain + " answers again.";
        }
        if (erroring(events)) {
            String error = events.size() == 1 ? errorOf(e) : null;
            return zh ? "链 " + chain + " 的节点 " + node + " 返回错误：至少 " + e.forSeconds() + " 秒内每次调用都返回 JSON-RPC 错误"
                    + (error == null ? "。" : "（" + error + "）。")
                    : "The node " + node + " of chain " + chain + " is erroring: it has answered every call with a "
                            + "JSON-RPC error for at least " + e.forSeconds() + " s"
                            + (error == null ? "." : " (" + error + ").");
        }
        return zh ? "链 " + chain + " 的节点 " + node + " 不可达：至少 " + e.forSeconds() + " 秒轮询失败或没有收到数据。"
                : "The node " + node + " of chain " + chain + " is unreachable: its polls have failed, or "
                        + "no sample has arrived for it, for at least " + e.forSeconds() + " s.";
    }

    static boolean erroring(List<AlertEvent> events) {
        for (AlertEvent e : events) {
            if (AlertEvent.RESOLVED.equals(e.kind())) {
                if (e.summary() == null || !e.summary().contains("; it was " + WAS_ERRORING + ")")) {
                    return false;
                }
                continue;
            }
            if (e.snapshot() == null || e.snapshot().nodes().isEmpty()
                    || e.snapshot().nodes().get(0).lastOutcome() != PollOutcome.ERRORING) {
                return false;
            }
        }
        return true;
    }

    private static String errorOf(AlertEvent e) {
        NodeView n = e.snapshot().nodes().get(0);
        return n.lastError() == null || n.lastError().isBlank() ? null : n.lastError();
    }
}
