package io.chainwatch.registry.monitoredchain;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/**
 * Body of {@code PUT /api/v1/chains/{id}/availability-objective}.
 *
 * @param objective the share of time the chain's nodes should be up, strictly between 0 and 1 (e.g. 0.999);
 *                  {@code null} removes the objective
 */
public record AvailabilityObjectiveRequest(
        @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0 (e.g. 0.999 for 99.9 %)")
        @DecimalMax(value = "1", inclusive = false, message = "must be less than 1 (e.g. 0.999 for 99.9 %)")
        Double objective) {
}
