/**
 * The handover to the bank: a run's bank file and manifest, written from its recorded payouts and
 * only from them ({@code PayoutBankFile}), and the reissue of a completed run's file with the same
 * bytes ({@code BankFileReissue}). May use run, bankfile and runs.
 */
package jp.crowdpay.jobs.payout.handover;
