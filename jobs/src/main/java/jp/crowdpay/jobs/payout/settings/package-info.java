/**
 * The payout's settings ({@code payout.*}, checked when the program starts), the shape of the
 * paying step they ask for ({@code PayingStepShape}), and what is checked before a run starts
 * ({@code PayoutPreflight}: the outbox, the holidays the bank file needs). May use rules,
 * bankfile, runs and settings.
 */
package jp.crowdpay.jobs.payout.settings;
