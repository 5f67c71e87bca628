package jp.crowdpay.jobs.payout;

import java.io.PrintWriter;
import java.time.LocalDate;
import jp.crowdpay.jobs.runs.RunOutcome;

/**
 * What a {@code payout} command runs right after each date it completed, in the same process:
 * the expiry notices of the night (notices package), so that they follow the night however long
 * it took instead of waiting for a clock. Implemented by a feature that uses the payout; the
 * payout knows only this.
 */
public interface AfterPayout {

    /**
     * @param businessDate a date whose payout has completed (now, or in an earlier command)
     * @return DONE when what follows the night is done (or not due), anything else when not
     */
    RunOutcome completed(LocalDate businessDate, PrintWriter out, PrintWriter err);
}
