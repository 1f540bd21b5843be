package io.chainwatch.cdc.source;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new source.
 *
 * @param orgId   the organization it belongs to: required from a platform admin; others may leave it out (their own)
 * @param metrics numeric column → metric name, e.g. {@code {"amount": "settlement.amount"}}
 * @param tags    columns whose values become tags of the samples
 */
public record SourceRequest(
        UUID orgId,
        @NotNull UUID chainId,
        @NotBlank @Size(max = 100) String name,
        @NotNull @Valid Database database,
        @NotBlank @Pattern(regexp = IDENTIFIER, message = "must be a plain SQL identifier") String schema,
        @NotBlank @Pattern(regexp = IDENTIFIER, message = "must be a plain SQL identifier") String table,
        @NotEmpty Map<@Pattern(regexp = IDENTIFIER, message = "column must be a plain SQL identifier") String,
                @Pattern(regexp = "[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*", message = "metric name must be lower-case words joined by dots")
                String> metrics,
        List<@Pattern(regexp = IDENTIFIER, message = "tag column must be a plain SQL identifier") String> tags) {

    static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]{0,62}";

    public SourceRequest {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** How to reach the source database. */
    public record Database(
            @NotBlank @Pattern(regexp = "jdbc:postgresql://[^/?#\\s]+/[^?#\\s]+(\\?[^#\\s]*)?",
                    message = "must look like jdbc:postgresql://host:port/database") String jdbcUrl,
            @NotBlank @Size(max = 63) String username,
            @NotNull @Size(max = 1000) String password) {

        @Override
        public String toString() {
            return "Database[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=***]";
        }
    }
}
