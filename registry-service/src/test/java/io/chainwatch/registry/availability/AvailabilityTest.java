package io.chainwatch.registry.availability;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Availability from state-change rows of the {@code node_state_change} shape, written by the test. */
class AvailabilityTest {

    private static final UUID CHAIN = UUID.randomUUID();
    private static final UUID ORG = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static StateChange change(UUID node, String from, String to, int minute, String reason) {
        return new StateChange(node, CHAIN, ORG, from, to, T0.plusSeconds(60L * minute), reason);
    }

    @Test
    void sharesOutagesAndErrorBudgetOfOneNode() {
        UUID node = UUID.randomUUID();
        List<StateChange> rows = List.of(
                change(node, null, "UP", -30, "first poll"),                 // before the period: it starts UP
                change(node, "UP", "UNREACHABLE", 10, "connection refused"),
                change(node, "UNREACHABLE", "UNREACHABLE", 12, "timeout"),   // same state: the outage goes on
                change(node, "UNREACHABLE", "UP", 20, "answers again"),
                change(node, "UP", "STALLED", 50, "no new block for 60 s"));
        Availability.Report report = Availability.of(List.of(node), rows, T0, T0.plusSeconds(3600));
        assertThat(report.seconds()).containsEntry("UP", 2400.0).containsEntry("UNREACHABLE", 600.0)
                .containsEntry("STALLED", 600.0);
        assertThat(report.share().get("UP")).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(report.availability()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(report.outages()).extracting(Availability.Outage::state, Availability.Outage::cause,
                        Availability.Outage::ongoing)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("UNREACHABLE", "connection refused", false),
                        org.assertj.core.groups.Tuple.tuple("STALLED", "no new block for 60 s", true));
        assertThat(report.outages().get(0).start()).isEqualTo(T0.plusSeconds(600));
        assertThat(report.outages().get(0).end()).isEqualTo(T0.plusSeconds(1200));
        // objective 50 %: 1/3 down of an allowed 1/2 → a third of the budget left
        assertThat(report.errorBudgetLeft(0.5)).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(report.errorBudgetLeft(0.999)).isNegative();
        assertThat(Availability.outagesCsv(report)).startsWith("node_id,state,start,end,seconds,ongoing,cause\r\n")
                .contains(node + ",UNREACHABLE,2026-12-01T00:10:00Z,2026-12-01T00:20:00Z,600.0,false,"
                        + "\"connection refused\"\r\n");
    }

    @Test
    void aChainSumsItsNodesAndTimeBeforeTheFirstRecordIsUnknown() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<StateChange> rows = List.of(
                change(a, null, "UP", -5, "first poll"),
                change(b, null, "ERRORING", 30, "RPC error -32000"),
                change(b, "ERRORING", "UP", 45, "ok"),
                change(UUID.randomUUID(), null, "UNREACHABLE", 1, "another chain's node")); // not in the group
        Availability.Report report = Availability.of(List.of(a, b), rows, T0, T0.plusSeconds(3600));
        assertThat(report.seconds()).containsEntry("UP", 3600.0 + 900.0).containsEntry("ERRORING", 900.0)
                .containsEntry("UNKNOWN", 1800.0);
        assertThat(report.availability()).isCloseTo(4500.0 / 5400.0, within(1e-9));
        assertThat(report.outages()).hasSize(1);
        assertThat(report.outages().get(0).nodeId()).isEqualTo(b);
    }

    @Test
    void anEmptyOrReversedPeriodIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Availability.of(List.of(), List.of(), T0, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
