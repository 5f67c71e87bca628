/**
 * A payout run and its ledger: the row of payout_run ({@code PayoutRun}), the rewards the run
 * covers ({@code RunScope}), the SQL of its life from the opening to the completion
 * ({@code PayoutLedger}), the job's name and date ({@code PayoutJobParameters}), the run as a step
 * looks it up once ({@code RunOfTheStep}), and what is read of runs afterwards: the history
 * {@code status} shows, a night's summary, the state the alerts read. May use rules, settings and
 * runs.
 */
package jp.crowdpay.jobs.payout.run;
