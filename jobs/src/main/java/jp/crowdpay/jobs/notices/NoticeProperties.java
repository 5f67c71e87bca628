package jp.crowdpay.jobs.notices;

import java.util.List;
import jp.crowdpay.jobs.settings.InvalidSettingException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the expiry notices ({@code payout.notices.*}), checked when the program starts.
 *
 * @param thresholds  days before the withdrawal deadline at which a worker is warned, any order
 * @param afterPayout whether {@code payout} writes the notices of each date it completes, in the
 *                    same process, right after the night (else only {@code notify-expiring} does)
 */
@ConfigurationProperties("payout.notices")
public record NoticeProperties(@DefaultValue({"30", "7", "1"}) List<Integer> thresholds,
                               @DefaultValue("true") boolean afterPayout) {

    static final String THRESHOLDS = "payout.notices.thresholds";

    public NoticeProperties {
        NoticeThresholds.of(thresholds);
    }

    /** Also refused: a threshold as long as the withdrawal period, which would warn about rewards just confirmed. */
    NoticeThresholds thresholds(int deadlineDays) {
        NoticeThresholds checked = NoticeThresholds.of(thresholds);
        if (checked.largest() >= deadlineDays) {
            throw new InvalidSettingException(THRESHOLDS, checked.largest() + " days is not shorter than the withdrawal"
                    + " period, payout.deadline-days = " + deadlineDays);
        }
        return checked;
    }
}
