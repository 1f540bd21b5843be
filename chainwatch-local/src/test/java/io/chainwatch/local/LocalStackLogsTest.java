package io.chainwatch.local;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Each run of the local stack starts with its own logs; the run before is kept under {@code logs/previous/}. */
class LocalStackLogsTest {

    @Test
    void theLastRunsLogsMoveToPreviousAndTheOnesBeforeAreDropped(@TempDir Path logs) throws Exception {
        LocalStack.keepAsPrevious(logs); // a first run: nothing to keep
        assertThat(logs.resolve("previous")).doesNotExist();

        Files.writeString(logs.resolve("alert-service.log"), "run 1\n");
        Files.writeString(logs.resolve("gateway.log"), "run 1\n");
        LocalStack.keepAsPrevious(logs);
        assertThat(logs.resolve("alert-service.log")).doesNotExist();
        assertThat(logs.resolve("previous/alert-service.log")).hasContent("run 1");
        assertThat(logs.resolve("previous/gateway.log")).hasContent("run 1");

        Files.writeString(logs.resolve("alert-service.log"), "run 2\n");
        LocalStack.keepAsPrevious(logs);
        assertThat(logs.resolve("previous/alert-service.log")).hasContent("run 2");
        assertThat(logs.resolve("previous/gateway.log")).as("from the run before the last").doesNotExist();
    }
}
