package io.chainwatch.registry.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.registry.web.InvalidRequestException;

import org.junit.jupiter.api.Test;

/** The period a request asks for, and the CSV a report is written as. */
class AvailabilityRequestTest {

    @Test
    void theLastDayUnlessToldAndNeverBeyondNow() {
        Instant before = Instant.now().minusMillis(1);
        AvailabilityController.Period period = AvailabilityController.period(null, null, null);
        assertThat(period.to()).isBetween(before, Instant.now());
        assertThat(Duration.between(period.from(), period.to())).isEqualTo(Duration.ofHours(24));

        AvailabilityController.Period given = AvailabilityController.period("2026-01-01T00:00:00Z",
                "2026-01-08T00:00:00Z", "csv");
        assertThat(given.from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(given.to()).isEqualTo(Instant.parse("2026-01-08T00:00:00Z"));
        assertThat(AvailabilityController.period(null, "2026-01-08T00:00:00Z", null).from())
                .isEqualTo(Instant.parse("2026-01-07T00:00:00Z"));

        AvailabilityController.Period future = AvailabilityController.period(null,
                Instant.now().plus(Duration.ofDays(2)).toString(), "json");
        assertThat(future.to()).isBeforeOrEqualTo(Instant.now());

        Instant end = Instant.parse("2026-06-01T00:00:00Z");
        assertThat(AvailabilityController.period(end.minus(Duration.ofDays(366)).toString(), end.toString(), null)
                .from()).isEqualTo(end.minus(Duration.ofDays(366)));
    }

    @Test
    void badPeriodsNameTheParameter() {
        Instant end = Instant.parse("2026-06-01T00:00:00Z");
        assertField(() -> AvailabilityController.period("yesterday", null, null), "from");
        assertField(() -> AvailabilityController.period(null, "2026-06-01", null), "to");
        assertField(() -> AvailabilityController.period(end.toString(), end.toString(), null), "from");
        assertField(() -> AvailabilityController.period(end.plusSeconds(1).toString(), end.toString(), null), "from");
        assertField(() -> AvailabilityController.period(end.minus(Duration.ofDays(366)).minusSeconds(1).toString(),
                end.toString(), null), "from");
        assertField(() -> AvailabilityController.period(null, null, "xlsx"), "format");
    }

    private static void assertField(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void csvQuotesTextAndDefusesFormulas() {
        UUID node = UUID.fromString("00000000-0000-0000-0000-000000000001");
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-01-01T01:00:00Z");
        AvailabilityReport report = new AvailabilityReport("chain", UUID.randomUUID(), "main", from, to, 3600, 1,
                Map.of("up", 1800.0, "erroring", 1800.0), Map.of("up", 0.5, "erroring", 0.5), 0.5, 0.9, -4.0,
                List.of(new AvailabilityReport.OutageView(node, "=HYPERLINK(\"x\")", "erroring", from,
                        from.plusSeconds(1800), 1800, "error \"-32000\", bad", false,
                        List.of(new AvailabilityReport.AlertView("fp1", "node_unreachable", from.plusSeconds(600),
                                null)))));
        String[] lines = AvailabilityCsv.of(report).split("\r\n", -1);
        assertThat(lines[0]).isEqualTo("row,node_id,node,state,start,end,seconds,share,ongoing,cause,alerts");
        assertThat(lines).contains(
                "objective,,,,2026-01-01T00:00:00Z,2026-01-01T01:00:00Z,3600.0,0.9,,,",
                "error_budget_left,,,,2026-01-01T00:00:00Z,2026-01-01T01:00:00Z,3600.0,-4.0,,,",
                "outage,00000000-0000-0000-0000-000000000001,\"'=HYPERLINK(\"\"x\"\")\",erroring,"
                        + "2026-01-01T00:00:00Z,2026-01-01T00:30:00Z,1800.0,,false,\"error \"\"-32000\"\", bad\","
                        + "\"node_unreachable:fp1\"");
        assertThat(lines[lines.length - 1]).as("ends with CRLF").isEmpty();
    }
}
