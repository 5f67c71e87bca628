package jp.crowdpay.jobs.runs;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.transaction.TransactionSystemException;

/** Turns the exceptions of a failed run into the one line an operator needs on standard error. */
public final class RunFailures {

    private RunFailures() {
    }

    /**
     * What made the execution fail, in one line: the lost connection if that was it, else a
     * statement the database refused for want of a grant (naming the table and the privileges),
     * else a file the run was not allowed to write, else the root cause.
     */
    public static String describe(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        return lostConnection(failures.stream())
                .or(() -> permissionDenied(failures.stream()))
                .or(() -> fileProblem(failures.stream()))
                .orElseGet(() -> failures.stream()
                        .map(failure -> firstLine(rootMessage(failure)))
                        .findFirst()
                        .orElse(firstLine(execution.getExitStatus().getExitDescription())));
    }

    /** What made an operation outside a job fail, in one line, as {@link #describe(JobExecution)}. */
    public static String describe(Throwable failure) {
        return lostConnection(Stream.of(failure))
                .or(() -> permissionDenied(Stream.of(failure)))
                .or(() -> fileProblem(Stream.of(failure)))
                .orElseGet(() -> firstLine(rootMessage(failure)));
    }

    /**
     * The file system names only the path in these exceptions' messages ("/srv/outbox/.payout.tmp"),
     * which reads like no reason at all: says what the path is about.
     */
    private static Optional<String> fileProblem(Stream<Throwable> failures) {
        return failures.flatMap(RunFailures::causesOf)
                .filter(failure -> failure instanceof AccessDeniedException || failure instanceof NoSuchFileException)
                .map(FileSystemException.class::cast)
                .findFirst()
                .map(problem -> (problem instanceof AccessDeniedException ? "permission denied: " : "no such file or folder: ")
                        + problem.getFile() + (problem.getReason() == null ? "" : " (" + problem.getReason() + ")"));
    }

    private static Optional<String> permissionDenied(Stream<Throwable> failures) {
        return PermissionDenied.describe(failures.flatMap(RunFailures::causesOf).toList());
    }

    /**
     * A lost connection surfaces as a cascade (rollback failed, cursor close failed, ...) whose
     * first exception rarely names the cause: says what happened, if that is what happened.
     */
    public static Optional<String> lostConnection(Stream<Throwable> failures) {
        return failures.flatMap(RunFailures::causesOf)
                .filter(SQLException.class::isInstance).map(SQLException.class::cast)
                .filter(RunFailures::isConnectionLoss)
                .findFirst()
                .map(lost -> "database connection lost (" + firstLine(lost.getMessage()) + ")");
    }

    /** The failure, its causes and what it suppressed, and the exception that a failed rollback overrode. */
    private static Stream<Throwable> causesOf(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Throwable next = pending.removeFirst();
            if (seen.add(next)) {
                all.add(next);
                if (next.getCause() != null) {
                    pending.add(next.getCause());
                }
                pending.addAll(List.of(next.getSuppressed()));
                if (next instanceof TransactionSystemException rollbackFailed && rollbackFailed.getApplicationException() != null) {
                    pending.add(rollbackFailed.getApplicationException());
                }
            }
        }
        return all.stream();
    }

    /** SQLSTATE class 08 (connection exception) or 57P01-57P03 (the server ended or refuses the session). */
    private static boolean isConnectionLoss(SQLException failure) {
        String state = failure.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    /** Every line built here comes through: a URL's password in a message is never shown. */
    private static String firstLine(String message) {
        return message == null ? "" : Secrets.mask(message.lines().findFirst().orElse(""));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
