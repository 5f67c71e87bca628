package jp.crowdpay.jobs.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;

/** The reasons that need a returned transfer or a bank master, and the notices as final records. */
class NoticeRecordsTest extends DatabaseTest {

    private NoticesFixture notices;

    @TempDir
    Path inbox;

    @BeforeEach
    void fixture() {
        notices = new NoticesFixture(this::executeCapturing, jdbc, Path.of(OUTBOX));
    }

    @Test
    void aWorkerWhoseTransferCameBackIsWarnedWithAccountReturned() throws IOException {
        // given: worker 1 paid 4,900 yen on 2026-11-24 (fee 100), the transfer back on the 25th;
        // then 2,000 yen due on 12-06 reach the ledger
        notices.ledger().payableWorker(1, "0036");
        notices.ledger().reward(1, 5_000, "2026-11-01");
        notices.payout("2026-11-24");
        Path returns = Files.writeString(inbox.resolve("returns.csv"), "payout-20261124.csv,0000000001,0036,101,0000001,4900,1,\r\n");
        assertThat(executeCapturing("import-returns", returns.toString(), "--date", "2026-11-25").exitCode())
                .isEqualTo(ExitCodes.OK);
        notices.dueIn(1, 2_000, 10, "2026-11-26");
        notices.payout("2026-11-26");
        // when
        notices.notify("2026-11-26");
        // then: the credit of the return is due in 180 days, not at risk
        assertThat(notices.recorded()).containsExactly("2026-11-26 1 2026-12-06 10 30 2000 ACCOUNT_RETURNED false");
    }

    @Test
    void aWorkerAtABankTheMasterDoesNotKnowIsWarnedWithUnknownBankBranch() {
        // given
        assertThat(executeCapturing("import-banks", "src/test/resources/bankmaster/zengin-code-4-banks.json").exitCode())
                .isEqualTo(ExitCodes.OK);
        notices.ledger().worker(1, "ON_DEMAND").account(1, "0123", "101", 1, "0000001", "ﾃｽﾄ ﾀﾛｳ");
        notices.dueIn(1, 3_000, 2, "2026-11-20");
        notices.payout("2026-11-20");
        // when
        notices.notify("2026-11-20");
        // then
        assertThat(notices.recorded()).containsExactly("2026-11-20 1 2026-11-22 2 7 3000 UNKNOWN_BANK_BRANCH false");
    }

    @Test
    void aNoticeSentIsNeverChangedNorSentTwiceForTheSameThresholdAndDeadline() {
        // given
        notices.ledger().worker(1, "CARRY_OVER");
        notices.dueIn(1, 1_000, 7, "2026-11-20");
        notices.payout("2026-11-20");
        notices.notify("2026-11-20");
        // then
        assertThatThrownBy(() -> jdbc.update("update expiry_notice set yen_at_risk = 1"))
                .hasMessageContaining("expiry_notice rows are final and cannot be changed or deleted");
        assertThatThrownBy(() -> jdbc.update("delete from expiry_notice_reward"))
                .hasMessageContaining("expiry_notice_reward rows are final");
        assertThatThrownBy(() -> jdbc.update("update expiry_notice_batch set file = 'other.jsonl'"))
                .hasMessageContaining("is final but for recording its file once");
        // and: a second night, recorded by hand, warning again at the same threshold about the same deadline
        notices.payout("2026-11-21");
        jdbc.update("""
                insert into expiry_notice_batch (business_date, payout_run_id, thresholds, deadline_days)
                select business_date, id, '{1,7,30}', 180 from payout_run where business_date = '2026-11-21'""");
        assertThatThrownBy(() -> jdbc.update("""
                insert into expiry_notice (batch_id, worker_id, business_date, earliest_deadline, days_left, threshold_days,
                                           yen_at_risk, reason, login_locked)
                select (select max(id) from expiry_notice_batch), worker_id, business_date + 1, earliest_deadline,
                       days_left - 1, threshold_days, yen_at_risk, reason, login_locked
                from expiry_notice"""))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("expiry_notice_worker_id_threshold_days_earliest_deadline_key");
    }
}
