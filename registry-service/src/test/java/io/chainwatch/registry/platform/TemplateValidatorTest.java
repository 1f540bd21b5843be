package io.chainwatch.registry.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The template checks against the test BaaS's OpenAPI document, without a server. */
class TemplateValidatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static OpenAPI api;

    @BeforeAll
    static void parse() throws IOException {
        TemplateValidator.Parsed parsed = TemplateValidator.parse(resource("baas-openapi.yaml"));
        assertThat(parsed.problems()).isEmpty();
        api = parsed.openApi();
    }

    @Test
    void theGoodTemplateFits() throws IOException {
        assertThat(TemplateValidator.validate(api, template("good-template.json"))).isEmpty();
    }

    @Test
    void everyProblemOfTheBrokenTemplateIsNamed() throws IOException {
        List<String> problems = TemplateValidator.validate(api, template("broken-template.json"));
        assertThat(problems).hasSize(8);
        assertThat(String.join("\n", problems)).contains("ledgerSummary: must be mapped", "blockHeight (INTEGER) is not mapped",
                "blockNumber: /data/ledgerName is string", "form request body", "binary or non-JSON body",
                "has no GET /mgmt/nowhere", "{{secretSauce}}", "/ok is boolean");
    }

    @Test
    void refsAreResolvedAndPathParameterNamesMayDiffer() throws IOException {
        String template = resource("good-template.json")
                .replace("\"/ledger/height\"", "\"/ledger/nothing\"")
                .replace("\"pathParams\": {\"ledger\": \"{{chainId}}\"}, \"query\": {\"detail\": \"short\"}",
                        "\"pathParams\": {\"ledger\": \"{{chainId}}\", \"extra\": \"x\"}, \"query\": {\"detail\": \"short\"}");
        List<String> problems = TemplateValidator.validate(api, JSON.readValue(template, MappingTemplate.class));
        assertThat(problems).containsExactlyInAnyOrder(
                "chainInfo (GET /mgmt/ledgers/{ledger}) result.blockHeight: /ledger/nothing does not exist in the "
                        + "platform's response schema (no 'nothing')",
                "ledgerSummary (GET /mgmt/ledgers/{ledger}/overview): pathParams.extra is not a parameter of the path");
    }

    @Test
    void aDocumentThatIsNotOpenApiIsAProblem() {
        assertThat(TemplateValidator.parse("{\"hello\": 1}").problems()).singleElement().asString()
                .contains("not an OpenAPI 3 document");
    }

    private static MappingTemplate template(String name) throws IOException {
        return JSON.readValue(resource(name), MappingTemplate.class);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TemplateValidatorTest.class.getResourceAsStream("/platform/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
