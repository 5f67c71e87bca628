package jp.crowdpay.jobs.payout;

import java.time.LocalDate;
import org.springframework.stereotype.Component;

@Component
public class PayoutLauncher {
    public int launch(LocalDate date) {
        throw new UnsupportedOperationException("not yet");
    }
}
