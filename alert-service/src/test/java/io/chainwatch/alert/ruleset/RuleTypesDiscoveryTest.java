package io.chainwatch.alert.ruleset;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.chainwatch.alert.evaluate.RuleKind;
import io.chainwatch.alert.rule.Rule;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A rule type is its folder: every folder under {@code rule/} is found as a type, read by its JSON name. */
class RuleTypesDiscoveryTest {

    @Test
    void everyFolderUnderRuleIsOneTypeAndNothingElseIs() throws IOException, URISyntaxException {
        Path rule = Path.of(Rule.class.getResource("Rule.class").toURI()).getParent();
        Set<String> folders;
        try (Stream<Path> children = Files.list(rule)) {
            folders = children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(Collectors.toSet());
        }
        Set<String> packages = RuleTypes.all().stream()
                .map(kind -> kind.ruleClass().getPackageName().substring(RuleTypes.PACKAGE.length() + 1))
                .collect(Collectors.toSet());
        assertThat(packages).isEqualTo(folders).hasSize(RuleTypes.names().size());
        assertThat(RuleTypes.names()).contains("chain_stalled", "node_unreachable", "threshold", "lagging", "rate",
                "consistency").isSorted();
    }

    @Test
    void jacksonReadsEachTypeAsItsRecordByName() {
        JsonMapper json = JsonMapper.builder().addModule(new RuleTypesModule()).build();
        for (RuleKind<?> kind : RuleTypes.all()) {
            Rule read = json.readValue("{\"type\":\"" + kind.type() + "\"}", Rule.class);
            assertThat(read).as(kind.type()).isInstanceOf(kind.ruleClass());
            assertThat(RuleTypes.of(kind.type())).isSameAs(kind);
        }
        assertThat(RuleTypes.of("chain_exploded")).isNull();
    }
}
