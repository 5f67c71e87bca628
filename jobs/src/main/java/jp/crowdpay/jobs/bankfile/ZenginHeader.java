package jp.crowdpay.jobs.bankfile;

import java.time.MonthDay;
import jp.crowdpay.jobs.bankfile.account.AccountType;

/**
 * The header record of a 総合振込 file: who asks for the transfers, when, and from which account.
 * The format carries the transfer date as MMDD only, hence a {@link MonthDay}.
 */
public record ZenginHeader(String requesterCode, String requesterName, MonthDay transferDate,
        String bankCode, String bankName, String branchCode, String branchName,
        AccountType accountType, String accountNumber) {
}
