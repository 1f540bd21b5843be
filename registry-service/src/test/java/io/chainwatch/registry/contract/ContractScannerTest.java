package io.chainwatch.registry.contract;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractScannerTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void opcodesAreFoundByTheirPositionAndPushDataIsSkipped() {
        // ORIGIN POP PUSH1 0xff POP DELEGATECALL SELFDESTRUCT
        ContractScanner.Report report = ContractScanner.scan("0x325060ff50f4ff", null);
        assertThat(report.codeSize()).isEqualTo(7);
        assertThat(report.instructions()).isEqualTo(6);
        assertThat(report.findings()).extracting(ContractScanner.Finding::check)
                .containsExactly("SELFDESTRUCT", "DELEGATECALL", "TX_ORIGIN");
        assertThat(report.findings().get(0).offsets()).as("the 0xff in PUSH1's data is not an opcode")
                .containsExactly(6);
        assertThat(ContractScanner.scan("60ff7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", null)
                .findings()).isEmpty();
    }

    @Test
    void anUpgradeFunctionIsUnprotectedWhenTheCodeNeverReadsTheCaller() {
        String abi = "[{\"type\": \"function\", \"name\": \"upgradeTo\", \"inputs\": [{\"name\": \"i\", \"type\": "
                + "\"address\"}], \"stateMutability\": \"nonpayable\"}]";
        assertThat(ContractScanner.scan("6000", json.readTree(abi)).findings())
                .singleElement().satisfies(f -> {
                    assertThat(f.check()).isEqualTo("UNPROTECTED_UPGRADE");
                    assertThat(f.severity()).isEqualTo("high");
                });
        assertThat(ContractScanner.scan("33", json.readTree(abi)).findings())
                .singleElement().satisfies(f -> assertThat(f.check()).isEqualTo("UPGRADE_FUNCTION"));
    }

    @Test
    void solidityMetadataIsNotScannedAndBadHexIsRefused() {
        // STOP, then a metadata trailer a1 64 'ipfs' ... whose bytes contain 0xff, length 0x0008
        String metadata = "a16469706673ffff" + "0008";
        assertThat(ContractScanner.scan("00" + metadata, null).findings()).isEmpty();
        assertThatThrownBy(() -> ContractScanner.scan("0xzz", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ContractScanner.scan("", null).limits()).contains("without control or data flow");
    }
}
