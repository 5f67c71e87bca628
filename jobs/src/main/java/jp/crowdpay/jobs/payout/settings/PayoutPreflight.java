package jp.crowdpay.jobs.payout.settings;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import jp.crowdpay.jobs.bankfile.BankFileFormat;
import jp.crowdpay.jobs.bankfile.Outbox;
import jp.crowdpay.jobs.runs.RunFailures;
import jp.crowdpay.jobs.settings.InvalidSettingException;
import org.springframework.stereotype.Component;

/**
 * The settings a run needs only at its end, checked before it starts: a run refused here has
 * touched nothing, while the same setting failing at the bank file would leave payouts recorded
 * without their file. The settings checked when the program starts (layouts, Zengin header) are
 * not repeated here.
 */
@Component
public class PayoutPreflight {

    private final Outbox outbox;
    private final BankFileFormat format;

    public PayoutPreflight(Outbox outbox, BankFileFormat format) {
        this.outbox = outbox;
        this.format = format;
    }

    /** Fails with an {@link InvalidSettingException} naming the first setting that would fail one of these runs. */
    public void check(List<LocalDate> businessDates) {
        try {
            outbox.checkPublishable();
        } catch (IOException | RuntimeException unusable) {
            throw new InvalidSettingException("payout.outbox", RunFailures.describe(unusable));
        }
        businessDates.forEach(format::checkSettingsFor);
    }
}
