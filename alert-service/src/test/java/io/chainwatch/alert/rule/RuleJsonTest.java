package io.chainwatch.alert.rule;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.alert.rule.chainstalled.ChainStalledRule;
import io.chainwatch.alert.rule.nodeunreachable.NodeUnreachableRule;
import io.chainwatch.alert.ruleset.RuleTypesModule;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rule JSON: the {@code type} field picks the record; Bean Validation messages. */
class RuleJsonTest {

    // a mapper built by hand takes the rule types as Spring's does: RuleTypes as a mix-in of Rule
    private static final JsonMapper JSON = JsonMapper.builder().addModule(new RuleTypesModule()).build();
    private static jakarta.validation.ValidatorFactory factory;
    private static Validator validator;
    private static final UUID ORG = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID CHAIN = UUID.fromString("22222222-2222-2222-2222-222222222222");

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void typeSelectsTheRecord() {
        Rule stalled = JSON.readValue(json("chain_stalled", "10", "[\"ops@acme.example\"]"), Rule.class);
        assertThat(stalled).isEqualTo(new ChainStalledRule(null, ORG, CHAIN, 10, "critical", List.of("ops@acme.example")));
        Rule unreachable = JSON.readValue(json("node_unreachable", "5", "[\"a@b.example\"]"), Rule.class);
        assertThat(unreachable).isInstanceOf(NodeUnreachableRule.class);
        assertThat(unreachable.type()).isEqualTo("node_unreachable");
    }

    @Test
    void anAllianceScopeRoundTripsAndNodeTargetsCarryTheirAlliances() {
        UUID a7 = id("alliance-7");
        UUID a8 = id("alliance-8");
        Rule scoped = JSON.readValue("""
                {"type": "node_unreachable", "orgId": "%s", "chainId": "%s", "forSeconds": 5,
                 "options": {"allianceId": "%s"}}""".formatted(ORG, CHAIN, a7), Rule.class);
        assertThat(scoped.settings().allianceId()).isEqualTo(a7);
        assertThat(scoped.emailTo()).isEmpty();
        assertThat(JSON.writeValueAsString(scoped)).contains("\"options\":{\"allianceId\":\"" + a7 + "\"}");
        Rule unscoped = JSON.readValue("""
                {"type": "node_unreachable", "orgId": "%s", "chainId": "%s", "forSeconds": 5,
                 "options": {"allianceId": ""}}""".formatted(ORG, CHAIN), Rule.class);
        assertThat(unscoped.settings().allianceId()).as("an empty alliance id is no alliance scope, as before").isNull();
        io.chainwatch.events.NodeTarget target = JSON.readValue("""
                {"nodeId": "%s", "orgId": "%s", "chainId": "%s", "pollIntervalMs": 1000, "version": 3,
                 "allianceIds": ["%s", "%s"]}""".formatted(id("n1"), ORG, CHAIN, a7, a8),
                io.chainwatch.events.NodeTarget.class);
        assertThat(target.allianceIds()).containsExactly(a7, a8);
        assertThat(JSON.readValue("{\"nodeId\": \"" + id("n2") + "\", \"pollIntervalMs\": 1000, \"version\": 1}",
                        io.chainwatch.events.NodeTarget.class)
                .allianceIds()).as("targets of a registry before alliances").isEmpty();
    }

    @Test
    void writtenJsonCarriesTheTypeAndRoundTrips() {
        Rule rule = new NodeUnreachableRule(UUID.fromString("33333333-3333-3333-3333-333333333333"), ORG, CHAIN, 5,
                "warning", List.of("a@b.example"));
        String written = JSON.writeValueAsString(rule);
        assertThat(written).contains("\"type\":\"node_unreachable\"", "\"id\":\"33333333-3333-3333-3333-333333333333\"",
                "\"forSeconds\":5", "\"severity\":\"warning\"", "\"emailTo\":[\"a@b.example\"]");
        assertThat(JSON.readValue(written, Rule.class)).isEqualTo(rule);
        assertThat(JSON.writeValueAsString(List.of(rule))).contains("\"type\":\"node_unreachable\"");
    }

    @Test
    void unknownOrMissingTypeIsRejected() {
        assertThatThrownBy(() -> JSON.readValue(json("chain_exploded", "5", "[\"a@b.example\"]"), Rule.class))
                .isInstanceOf(InvalidTypeIdException.class).hasMessageContaining("chain_exploded");
        assertThatThrownBy(() -> JSON.readValue("{\"orgId\":\"" + ORG + "\"}", Rule.class))
                .isInstanceOf(InvalidTypeIdException.class);
    }

    @Test
    void validRuleHasNoViolations() {
        assertThat(validator.validate(new ChainStalledRule(null, ORG, CHAIN, 86400, null, List.of("a@b.example"))))
                .isEmpty();
    }

    @Test
    void violationsNameTheFieldAndTheProblem() {
        assertThat(messages(new ChainStalledRule(null, null, null, 0, "critical", List.of())))
                .containsExactlyInAnyOrder( // orgId: the caller's organization when left out; chainId: see validate()
                        "forSeconds must be greater than or equal to 1");
        assertThat(messages(new NodeUnreachableRule(null, ORG, CHAIN, 86401, "Critical!", List.of("not-an-address"))))
                .containsExactlyInAnyOrder("forSeconds must be less than or equal to 86400",
                        "severity must be critical, warning or info",
                        "emailTo[0].<list element> must be a well-formed email address");
        assertThat(messages(new NodeUnreachableRule(null, ORG, CHAIN, null, null, null)))
                .containsExactlyInAnyOrder("forSeconds must not be null"); // no direct recipients: the receivers route
    }

    private static List<String> messages(Rule rule) {
        Set<ConstraintViolation<Rule>> violations = validator.validate(rule);
        return violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).toList();
    }

    private static String json(String type, String forSeconds, String emailTo) {
        return """
                {"type": "%s", "orgId": "%s", "chainId": "%s", "forSeconds": %s, "emailTo": %s}"""
                .formatted(type, ORG, CHAIN, forSeconds, emailTo);
    }
}
