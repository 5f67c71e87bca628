package jp.crowdpay.jobs.locks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import jp.crowdpay.jobs.support.DatabaseTest;

/** Helpers of the lock-release scenarios: the login service's writes, and the command line. */
abstract class LockReleaseScenario extends DatabaseTest {

    /** The login service locking an account automatically at each instant in turn (the last one holds). */
    void lockedAutomatically(long accountId, Instant... locks) {
        jdbc.update("insert into login_account (id, failed_attempts, locked_at, lock_reason) values (?, 5, ?, 'FAILED_ATTEMPTS')",
                accountId, at(locks[0]));
        for (int i = 1; i < locks.length; i++) {
            // as the login service does: unlock on a good password, lock again after more failures
            jdbc.update("update login_account set locked_at = null, lock_reason = null, failed_attempts = 0 where id = ?", accountId);
            jdbc.update("update login_account set locked_at = ?, lock_reason = 'FAILED_ATTEMPTS', failed_attempts = 5 where id = ?",
                    at(locks[i]), accountId);
        }
    }

    void lockedByStaff(long accountId, String reason, Instant lockedAt) {
        jdbc.update("insert into login_account (id, failed_attempts, locked_at, lock_reason) values (?, 0, ?, ?)",
                accountId, at(lockedAt), reason);
    }

    boolean isLocked(long accountId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select locked_at is not null from login_account where id = ?",
                Boolean.class, accountId));
    }

    List<Map<String, Object>> table(String name) {
        // name is one of the test's own constants, never input
        return jdbc.queryForList("select * from " + name + " order by 1, 2");
    }

    List<Long> releasedAccounts() {
        return jdbc.queryForList("select account_id from lock_release_event order by account_id", Long.class);
    }

    CliRun releaseLocks(String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "release-locks";
        System.arraycopy(options, 0, args, 1, options.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    record CliRun(int exitCode, String out, String err) {
        String summary() {
            return out.lines().filter(line -> line.startsWith("lockReleaseJob summary:")).findFirst().orElseThrow();
        }
    }
}
