package jp.crowdpay.jobs.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.payout.rules.RewardDeadline;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rewards by days left, locks, nights and their notices, in the fewest words a test can read. */
final class NoticesFixture {

    private static final RewardDeadline DEADLINE = new RewardDeadline(180);

    private final Function<String[], DatabaseTest.Captured> command;
    private final JdbcTemplate jdbc;
    private final LedgerFixture ledger;
    private final Path outbox;

    NoticesFixture(Function<String[], DatabaseTest.Captured> command, JdbcTemplate jdbc, Path outbox) {
        this.command = command;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.ledger = new LedgerFixture(jdbc);
    }

    LedgerFixture ledger() {
        return ledger;
    }

    /** A reward whose deadline is {@code daysLeft} days after {@code night}. */
    long dueIn(long workerId, long yen, int daysLeft, String night) {
        LocalDate deadline = LocalDate.parse(night).plusDays(daysLeft);
        return ledger.reward(workerId, yen, deadline.minusDays(DEADLINE.days()).toString());
    }

    /**
     * A login account of the worker locked ten minutes ago, after {@code earlierAutomaticLocks}
     * automatic locks on the days before.
     */
    void locked(long workerId, String reason, int earlierAutomaticLocks) {
        long account = 100 + workerId;
        for (int day = earlierAutomaticLocks; day >= 1; day--) {
            jdbc.update("insert into login_lock_history (account_id, locked_at, lock_reason)"
                    + " values (?, now() - make_interval(days => ?), 'FAILED_ATTEMPTS')", account, day);
        }
        jdbc.update("insert into login_account (id, worker_id, failed_attempts, locked_at, lock_reason)"
                + " values (?, ?, 5, now() - interval '10 minutes', ?)", account, workerId, reason);
    }

    void payout(String night) {
        DatabaseTest.Captured run = command.apply(new String[] {"payout", "--date", night});
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    }

    void notify(String night) {
        DatabaseTest.Captured run = command.apply(new String[] {"notify-expiring", "--date", night});
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    }

    Path path(String night) {
        return outbox.resolve(NoticeFile.FOLDER).resolve( "expiry-" + night.replace("-", "") + ".jsonl");
    }

    String file(String night) {
        try {
            return Files.readString(path(night));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every notice recorded: date, worker, earliest deadline, days left, threshold, yen at risk, reason, locked. */
    List<String> recorded() {
        return jdbc.queryForList("""
                select business_date || ' ' || worker_id || ' ' || earliest_deadline || ' ' || days_left || ' '
                       || threshold_days || ' ' || yen_at_risk || ' ' || reason || ' ' || login_locked
                from expiry_notice order by business_date, worker_id""", String.class);
    }
}
