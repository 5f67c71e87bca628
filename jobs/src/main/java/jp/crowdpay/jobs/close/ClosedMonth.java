package jp.crowdpay.jobs.close;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A close as recorded: its roll-forward, the ledger's figures it was proved against, the missed
 * nights the operator confirmed, the accounts its journal is written with, and the journal once
 * it is in the outbox.
 *
 * @param afterPreviousClose whether the opening is the previous month's closing (else the ledger's history: the first close)
 * @param journalManifest    the journal's manifest, relative to the outbox; null until the journal is written
 */
record ClosedMonth(RollForward figures, boolean afterPreviousClose, LocalDate lastNight, Tally nightUnpaid,
                   Tally arrivedAfter, List<LocalDate> missedNights, JournalAccounts accounts, OffsetDateTime closedAt,
                   String closedBy, String journalManifest, String journalSha256) {

    /** The account names and tax categories of a close's journal. */
    record JournalAccounts(String liability, String bank, String feeIncome, String forfeitedIncome, String taxCategory,
                           String feeTaxCategory) {

        static JournalAccounts of(CloseProperties settings) {
            CloseProperties.Accounts accounts = settings.accounts();
            return new JournalAccounts(accounts.liability(), accounts.bank(), accounts.feeIncome(), accounts.forfeitedIncome(),
                    settings.taxCategory(), settings.feeTaxCategory());
        }
    }
}
