package jp.crowdpay.jobs.close;

import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import org.springframework.stereotype.Component;

/** What status shows of the month-end close: the last closed month. */
@Component
public class ClosedMonthHistory {

    private final CloseLedger ledger;
    private final PayoutProperties settings;

    public ClosedMonthHistory(CloseLedger ledger, PayoutProperties settings) {
        this.ledger = ledger;
        this.settings = settings;
    }

    /** One line: the last closed month, its closing, when it closed and its journal; or that none is closed. */
    public String lastClosed() {
        return ledger.latestClosed().flatMap(ledger::find)
                .map(close -> new CloseSummary(close, settings.zone()).statusLine())
                .orElse("no month closed yet");
    }
}
