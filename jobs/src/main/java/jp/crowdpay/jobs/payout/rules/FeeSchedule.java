package jp.crowdpay.jobs.payout.rules;

import java.util.Map;

/** The transfer fee (振込手数料) deducted from a payout, by the receiving bank's code. */
public record FeeSchedule(long defaultFeeYen, Map<String, Long> feeYenByBankCode) {

    public FeeSchedule {
        feeYenByBankCode = Map.copyOf(feeYenByBankCode);
    }

    public long feeFor(String bankCode) {
        return feeYenByBankCode.getOrDefault(bankCode, defaultFeeYen);
    }
}
