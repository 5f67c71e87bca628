package jp.crowdpay.jobs.payout.rules;

import jp.crowdpay.jobs.bankfile.account.BankAccount;

/** The worker's bank account as the run found it: usable, missing, or refused with a reason. */
public sealed interface AccountCheck {

    record Usable(BankAccount account) implements AccountCheck {
    }

    record Missing() implements AccountCheck {
    }

    /** The reason is INVALID_BANK_ACCOUNT, INVALID_PAYEE_NAME, UNKNOWN_BANK_BRANCH or ACCOUNT_RETURNED; the problem never quotes personal data. */
    record Refused(PayoutOutcome reason, String problem) implements AccountCheck {
    }
}
