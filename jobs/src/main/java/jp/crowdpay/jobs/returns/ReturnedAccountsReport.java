package jp.crowdpay.jobs.returns;

import java.io.PrintWriter;
import java.util.List;
import org.springframework.stereotype.Component;

/** For support: the workers the payout carries forward because their account sent a transfer back. */
@Component
public class ReturnedAccountsReport {

    private final ReturnsHistory history;

    public ReturnedAccountsReport(ReturnsHistory history) {
        this.history = history;
    }

    public void print(PrintWriter out) {
        List<ReturnsHistory.FlaggedWorker> flagged = history.flaggedWorkers();
        out.println("Workers whose bank account is one a transfer came back from: the payout carries them forward"
                + " (ACCOUNT_RETURNED) until they change it");
        out.println(String.format("  %10s  %-11s  %12s  %12s  %12s  %s", "worker", "returned_on", "returned_yen",
                "credited_yen", "unpaid_yen", "reason"));
        flagged.forEach(worker -> out.println(String.format("  %10d  %-11s  %,12d  %,12d  %,12d  %s",
                worker.workerId(), worker.returnedOn(), worker.returnedYen(), worker.creditedYen(), worker.unpaidYen(),
                worker.reason().label())));
        out.println(flagged.isEmpty() ? "  (none)" : String.format("  %,d workers",
                flagged.stream().map(ReturnsHistory.FlaggedWorker::workerId).distinct().count()));
        out.flush();
    }
}
