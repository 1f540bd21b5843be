package io.chainwatch.registry.node;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CreateNodeRequestValidationTest {

    private static ValidatorFactory factory;
    private static Validator validator;

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
    void validRequestWithoutPollIntervalUsesTheDefault() {
        CreateNodeRequest request = new CreateNodeRequest(UUID.randomUUID(), "anvil-1", "http://127.0.0.1:8545", null, null, null);
        assertThat(validator.validate(request)).isEmpty();
        assertThat(request.effectivePollIntervalMs()).isEqualTo(1000);
    }

    @Test
    void pollIntervalBounds() {
        assertThat(invalidFields(request(200L))).isEmpty();
        assertThat(invalidFields(request(3_600_000L))).isEmpty();
        assertThat(invalidFields(request(199L))).containsExactly("pollIntervalMs");
        assertThat(invalidFields(request(3_600_001L))).containsExactly("pollIntervalMs");
        assertThat(request(5000L).effectivePollIntervalMs()).isEqualTo(5000);
    }

    @Test
    void missingFields() {
        assertThat(invalidFields(new CreateNodeRequest(null, null, null, null, null, null)))
                .containsExactlyInAnyOrder("chainId", "name", "rpcUrl");
    }

    @Test
    void rpcUrlViolationSaysWhatIsWrong() {
        Set<ConstraintViolation<CreateNodeRequest>> violations = validator.validate(
                new CreateNodeRequest(UUID.randomUUID(), "n", "ftp://x", null, null, null));
        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.getPropertyPath().toString()).isEqualTo("rpcUrl");
            assertThat(violation.getMessage()).startsWith("must use the scheme http, https, ws or wss");
        });
    }

    @Test
    void metricsUrlAndFabricSettingsAreChecked() {
        FabricSettings fabric = new FabricSettings("Org1MSP", java.util.List.of("mychannel"), "peer0.org1:7051", null,
                null);
        assertThat(validator.validate(new CreateNodeRequest(UUID.randomUUID(), "p", "http://peer0:9443", null,
                "http://peer0:9443/metrics", fabric))).isEmpty();
        assertThat(invalidFields(new CreateNodeRequest(UUID.randomUUID(), "p", "http://peer0:9443", null,
                "ftp://peer0/metrics", null))).containsExactly("metricsUrl");
        assertThat(invalidFields(new CreateNodeRequest(UUID.randomUUID(), "p", "http://peer0:9443", null, null,
                new FabricSettings("", java.util.List.of("Bad Channel"), "peer0", null, null))))
                .containsExactlyInAnyOrder("fabric.mspId", "fabric.channels[0].<list element>", "fabric.peerEndpoint");
    }

    private static CreateNodeRequest request(Long pollIntervalMs) {
        return new CreateNodeRequest(UUID.randomUUID(), "n", "http://127.0.0.1:8545", pollIntervalMs, null, null);
    }

    private static Set<String> invalidFields(CreateNodeRequest request) {
        return validator.validate(request).stream()
                .map(violation -> violation.getPropertyPath().toString())
                .collect(Collectors.toSet());
    }
}
