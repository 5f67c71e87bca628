package jp.crowdpay.jobs.seed;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import jp.crowdpay.jobs.payout.rules.RewardDeadline;
import jp.crowdpay.jobs.payout.rules.WithdrawalMethod;
import jp.crowdpay.jobs.seed.LedgerGenerator.BankAccount;
import jp.crowdpay.jobs.seed.LedgerGenerator.Worker;

/** What a seeding created, counted from the rows as they were written. */
public final class SeedSummary {

    private final LedgerSpec spec;
    private final LocalDate deadlinePassedBefore;
    private final Map<WithdrawalMethod, Long> workersByMethod = new EnumMap<>(WithdrawalMethod.class);
    private long workers;
    private long onHold;
    private long withBankAccount;
    private long invalidBankAccount;
    private long rewards;
    private long rewardsYen;
    private long pastDeadline;
    private long pastDeadlineYen;
    private Duration elapsed = Duration.ZERO;

    /** @param deadline the payout's withdrawal deadline: what the summary counts as past it on the business date */
    SeedSummary(LedgerSpec spec, RewardDeadline deadline) {
        this.spec = spec;
        this.deadlinePassedBefore = deadline.expiredIfConfirmedBefore(spec.businessDate());
        for (WithdrawalMethod method : WithdrawalMethod.values()) {
            workersByMethod.put(method, 0L);
        }
    }

    void count(Worker worker) {
        workers++;
        workersByMethod.merge(worker.withdrawalMethod(), 1L, Long::sum);
        if (worker.payoutHold()) {
            onHold++;
        }
    }

    void count(BankAccount account) {
        withBankAccount++;
        if (!account.valid()) {
            invalidBankAccount++;
        }
    }

    void countReward(long amountYen, LocalDate confirmedOn) {
        rewards++;
        rewardsYen += amountYen;
        if (confirmedOn.isBefore(deadlinePassedBefore)) {
            pastDeadline++;
            pastDeadlineYen += amountYen;
        }
    }

    void took(Duration elapsed) {
        this.elapsed = elapsed;
    }

    public Duration elapsed() {
        return elapsed;
    }

    public long workers() {
        return workers;
    }

    public long workers(WithdrawalMethod withdrawalMethod) {
        return workersByMethod.getOrDefault(withdrawalMethod, 0L);
    }

    public long onHold() {
        return onHold;
    }

    public long withoutBankAccount() {
        return workers - withBankAccount;
    }

    public long invalidBankAccount() {
        return invalidBankAccount;
    }

    public long rewards() {
        return rewards;
    }

    public long rewardsYen() {
        return rewardsYen;
    }

    public long pastDeadline() {
        return pastDeadline;
    }

    /** The lines the seed command prints. */
    public String report() {
        StringBuilder report = new StringBuilder();
        report.append(String.format("Seeded the ledger for business date %s (seed %d) in %.1f s%n",
                spec.businessDate(), spec.seed(), elapsed.toMillis() / 1000.0));
        report.append(String.format("  workers               %,12d%n", workers));
        workersByMethod.forEach((method, count) -> report.append(String.format("    %-19s %,12d%n", method, count)));
        report.append(String.format("    on payout hold      %,12d%n", onHold));
        report.append(String.format("    no bank account     %,12d%n", withoutBankAccount()));
        report.append(String.format("    invalid bank account%,12d%n", invalidBankAccount));
        report.append(String.format("  rewards               %,12d  %,18d yen%n", rewards, rewardsYen));
        report.append(String.format("    past the deadline   %,12d  %,18d yen  (confirmed before %s)%n",
                pastDeadline, pastDeadlineYen, deadlinePassedBefore));
        return report.toString();
    }
}
