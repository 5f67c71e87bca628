package jp.crowdpay.jobs.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** The one line on standard error names the cause, however deep in the exception it lies. */
class RunFailuresTest {

    @Test
    void aFileTheRunMayNotWriteReadsPermissionDeniedAndItsPath() {
        // given: what Files.createFile throws in a read-only folder, wrapped as a step wraps it
        var failure = new IllegalStateException("step failed",
                new UncheckedIOException(new AccessDeniedException("/srv/outbox/.payout-20261127.csv.tmp")));
        // when
        String line = RunFailures.describe(failure);
        // then
        assertThat(line).isEqualTo("permission denied: /srv/outbox/.payout-20261127.csv.tmp");
    }

    @Test
    void aMissingFileReadsNoSuchFileOrFolderAndItsPath() {
        assertThat(RunFailures.describe(new NoSuchFileException("/srv/outbox")))
                .isEqualTo("no such file or folder: /srv/outbox");
    }

    @Test
    void aRefusedOrDroppedConnectionReadsDatabaseConnectionLostWithTheDriversFirstLine() {
        // given: SQLSTATE 08001, what the driver reports for a refused connection
        var refused = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLException("Connection to 127.0.0.1:5432 refused.\nCheck that the hostname and port are correct", "08001"));
        // when
        String line = RunFailures.describe(refused);
        // then
        assertThat(line).isEqualTo("database connection lost (Connection to 127.0.0.1:5432 refused.)");
    }

    @Test
    void aServerShutdownReadsDatabaseConnectionLost() {
        // 57P01: the administrator terminated the session
        assertThat(RunFailures.describe(new SQLException("terminating connection due to administrator command", "57P01")))
                .isEqualTo("database connection lost (terminating connection due to administrator command)");
    }

    @Test
    void anyOtherFailureReadsAsTheFirstLineOfItsRootCause() {
        assertThat(RunFailures.describe(new IllegalStateException("outer", new IllegalArgumentException("the cause\nmore"))))
                .isEqualTo("the cause");
    }
}
