package io.chainwatch.alert.notify;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The planner's inhibitions and notice texts as the service's own application.yml configures them, and overrides. */
class PlannerPropertiesTest {

    private final PlannerProperties defaults = bound();

    @Test
    void byDefaultAnUnreachableNodeHoldsBackItsLaggingAlertAndAStallNoNodeCouldShow() {
        Set<String> open = Set.of("node_unreachable|" + id("n1"), "node_unreachable|*");
        PlannerProperties.OpenAlerts alerts = (type, node) -> open.contains(type + "|" + (node == null ? "*" : node));

        assertThat(defaults.inhibitedBy("lagging", id("n1"), true, alerts)).contains("node_unreachable");
        assertThat(defaults.inhibitedBy("lagging", id("n2"), true, alerts)).as("another node").isNull();
        assertThat(defaults.inhibitedBy("chain_stalled", null, false, alerts)).contains("node_unreachable");
        assertThat(defaults.inhibitedBy("chain_stalled", null, true, alerts))
                .as("a node answered and showed no new block: the stall is news").isNull();
        assertThat(defaults.inhibitedBy("threshold", id("n1"), false, alerts)).isNull();
        assertThat(defaults.inhibitedBy("lagging", id("n1"), true, (type, node) -> false)).as("nothing open").isNull();
    }

    @Test
    void configuredInhibitionsReplaceTheDefaults() {
        PlannerProperties custom = new PlannerProperties(List.of(
                new PlannerProperties.Inhibition("threshold", "chain_stalled", "chain")), Map.of());
        assertThat(custom.inhibitedBy("threshold", id("n1"), false, (type, node) -> type.equals("chain_stalled")))
                .contains("chain_stalled");
        assertThat(custom.inhibitedBy("lagging", id("n1"), true, (type, node) -> true)).as("no longer configured")
                .isNull();
        assertThatThrownBy(() -> new PlannerProperties.Inhibition("lagging", "node_unreachable", "everywhere"))
                .hasMessageContaining("node or chain");
    }

    @Test
    void noticesAreFilledInTheReceiversLanguageWithEnglishForOthers() {
        Map<String, Object> values = Map.of("perHour", 10, "organization", "acme", "until",
                Instant.parse("2026-12-05T03:00:00Z"), "latest", "[FIRING] Chain stalled: dev");
        PlannerProperties.NoticeText en = defaults.text("sms-limit", "en").fill(values);
        assertThat(en.subject()).isEqualTo("ChainWatch: SMS limit reached");
        assertThat(en.text()).isEqualTo("The SMS limit of 10 per hour for acme is reached: until 2026-12-05T03:00:00Z"
                + " alerts go by e-mail and chat only. Latest: [FIRING] Chain stalled: dev");
        assertThat(defaults.text("sms-limit", "zh").fill(values).text()).startsWith("组织 acme 本小时已发送 10 条告警短信");
        assertThat(defaults.text("channel-failing", "fr").fill(Map.of("channel", "email", "failures", 5, "waiting", 3,
                "error", "connection refused")).subject()).isEqualTo("[FIRING] Notification channel failing: email");
        assertThatThrownBy(() -> defaults.text("unknown", "en")).hasMessageContaining("unknown");
    }

    private static PlannerProperties bound() {
        try {
            StandardEnvironment env = new StandardEnvironment();
            new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                    .forEach(env.getPropertySources()::addLast);
            return new Binder(ConfigurationPropertySources.get(env))
                    .bind("chainwatch.alert.planner", PlannerProperties.class).get();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
