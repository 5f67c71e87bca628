package jp.crowdpay.jobs.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import org.junit.jupiter.api.Test;

/** status shows, per night, the yen that expired and how much of it a notice had warned about. */
class ExpiredMoneyStatusTest extends DatabaseTest {

    @Test
    void statusShowsPerNightTheExpiredYenAndTheWarnedPart() {
        // given: on 2026-11-01, worker 1 has 1,000 yen due on 11-06 and 400 due on 11-20; 2,000 yen
        // of worker 2 are past their deadline (10-31) and expire that night, never warned about
        NoticesFixture notices = new NoticesFixture(this::executeCapturing, jdbc, Path.of(OUTBOX));
        for (long worker = 1; worker <= 3; worker++) {
            notices.ledger().worker(worker, "CARRY_OVER");
        }
        notices.dueIn(1, 1_000, 5, "2026-11-01");
        notices.dueIn(1, 400, 19, "2026-11-01");
        notices.dueIn(2, 2_000, -1, "2026-11-01");
        notices.payout("2026-11-01");
        notices.notify("2026-11-01");
        // and: 500 yen of worker 3, due on 11-06 too, reach the ledger only after the notices
        notices.dueIn(3, 500, 5, "2026-11-01");
        notices.payout("2026-11-07");
        notices.notify("2026-11-07");
        // when
        DatabaseTest.Captured status = executeCapturing("status");
        // then: of the 1,500 yen expired on 11-07, the 1,000 of worker 1 had been warned about
        assertThat(status.exitCode()).as(status.err()).isEqualTo(ExitCodes.OK);
        assertThat(status.out()).contains("""
                expiryNotices
                  date          notices    yen_at_risk   expired_yen   expired_warned  file
                  2026-11-07          1            400         1,500            1,000  notices/expiry-20261107.jsonl
                  2026-11-01          1          1,000         2,000                0  notices/expiry-20261101.jsonl
                """);
    }
}
