package jp.crowdpay.jobs.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code payout.notices.after-payout} on, as shipped: the payout writes each completed night's
 * expiry notices in the same process, before the next night; notify-expiring still stands alone.
 */
@TestPropertySource(properties = "payout.notices.after-payout=true")
class NoticesAfterPayoutTest extends DatabaseTest {

    private static final String NIGHT = "2026-11-20";
    private static final String NEXT_NIGHT = "2026-11-21";
    private static final String NOTICE = """
            {"schema_version":1,"worker_id":1,"business_date":"2026-11-20","earliest_deadline":"2026-11-25","days_left":5,"threshold_days":7,"yen_at_risk":3000,"reason":"CARRY_OVER_METHOD","login_locked":false}
            """;

    private NoticesFixture notices;

    @BeforeEach
    void aWorkerOnCarryOverWithMoneyDueInFiveDays() {
        notices = new NoticesFixture(this::executeCapturing, jdbc, Path.of(OUTBOX));
        notices.ledger().worker(1, "CARRY_OVER");
        notices.dueIn(1, 3_000, 5, NIGHT);
    }

    @Test
    void thePayoutWritesTheNightsNoticesRightAfterIt() {
        // when
        Captured payout = executeCapturing("payout", "--date", NIGHT);
        Captured alone = executeCapturing("notify-expiring", "--date", NIGHT);
        // then: the notices of the night, as notify-expiring alone would have written them
        assertThat(payout.exitCode()).as(payout.err()).isEqualTo(ExitCodes.OK);
        assertThat(notices.file(NIGHT)).isEqualTo(NOTICE);
        assertThat(payout.out()).contains("Expiry notices of 2026-11-20 (thresholds 30, 7, 1 days): 1 notice, 3,000 yen at risk");
        assertThat(alone.exitCode()).as(alone.err()).isEqualTo(ExitCodes.OK);
        assertThat(alone.out()).startsWith("The notices of 2026-11-20 were recorded already; nothing new was written.");
    }

    @Test
    void aNightCaughtUpGetsItsNoticesBeforeTheNextNightIsPaid() {
        // given: the night failed while paying worker 2
        notices.ledger().payableWorker(2, "0036");
        notices.ledger().reward(2, 5_000, "2026-11-01");
        Captured failed = executeWithTestTrigger("before insert", "payout", "raise exception 'disk full';",
                "payout", "--date", NIGHT);
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        // when the next night's payout catches it up
        Captured next = executeCapturing("payout", "--date", NEXT_NIGHT);
        // then: each night has its own notices, the first written before the second night opened
        assertThat(next.exitCode()).as(next.err()).isEqualTo(ExitCodes.OK);
        assertThat(notices.file(NIGHT)).isEqualTo(NOTICE);
        assertThat(notices.file(NEXT_NIGHT)).isEmpty();
        assertThat(jdbc.queryForObject("""
                select b.recorded_at < r.opened_at from expiry_notice_batch b, payout_run r
                where b.business_date = ? and r.business_date = ?""", Boolean.class,
                java.time.LocalDate.parse(NIGHT), java.time.LocalDate.parse(NEXT_NIGHT))).isTrue();
    }

    @Test
    void aPayoutWhoseNoticesFailedExitsFiveAndTheSameCommandWritesThem() throws IOException {
        // given: a file where the notices folder should be
        Files.createDirectories(Path.of(OUTBOX));
        Path inTheWay = Files.writeString(Path.of(OUTBOX, NoticeFile.FOLDER), "not a folder");
        // when
        Captured payout = executeCapturing("payout", "--date", NIGHT);
        Files.delete(inTheWay);
        Captured again = executeCapturing("payout", "--date", NIGHT);
        // then: the night completed, its notices did not, until the same command ran again
        assertThat(payout.exitCode()).isEqualTo(ExitCodes.FOLLOW_UP_FAILED);
        assertThat(payout.err()).startsWith("error: the notice file of 2026-11-20 could not be written: ").hasLineCount(1);
        assertThat(jdbc.queryForObject("select count(*) from payout_run where completed_at is not null", Long.class))
                .isEqualTo(1);
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("The payout for 2026-11-20 already completed");
        assertThat(notices.file(NIGHT)).isEqualTo(NOTICE);
    }

    @Test
    void anEarlierNightRunAgainGetsNoNoticesOnceALaterNightWasPaid() {
        // given both nights paid, with their notices
        executeCapturing("payout", "--date", NIGHT);
        executeCapturing("payout", "--date", NEXT_NIGHT);
        // when the earlier one is asked for again
        Captured again = executeCapturing("payout", "--date", NIGHT);
        // then: nothing to do, and not a failure
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("No expiry notices are written for 2026-11-20: the night of 2026-11-21 came after"
                + " it, and its notices cover it.");
    }
}
