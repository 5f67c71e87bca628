package jp.crowdpay.jobs.payout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.crowdpay.jobs.bankfile.BankFileFormat;
import jp.crowdpay.jobs.bankfile.Outbox;
import jp.crowdpay.jobs.payout.handover.PayoutBankFile;
import jp.crowdpay.jobs.payout.rules.Conservation;
import jp.crowdpay.jobs.payout.rules.Conservation.Tally;
import jp.crowdpay.jobs.payout.run.PayoutLedger;
import jp.crowdpay.jobs.payout.run.PayoutRun;
import jp.crowdpay.jobs.payout.run.RunOfTheStep;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Proves the run's conservation totals against the ledger and the file on disk, then completes the run. */
class CloseRunTasklet implements Tasklet {

    private final PayoutLedger ledger;
    private final RunOfTheStep runOfTheStep;
    private final PayoutBankFile bankFile;
    private final Outbox outbox;

    CloseRunTasklet(PayoutLedger ledger, RunOfTheStep runOfTheStep, PayoutBankFile bankFile, Outbox outbox) {
        this.ledger = ledger;
        this.runOfTheStep = runOfTheStep;
        this.bankFile = bankFile;
        this.outbox = outbox;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        PayoutRun run = runOfTheStep.run();
        PayoutLedger.Totals after = ledger.unpaidInScope(run);
        PayoutLedger.PaidTotals paid = ledger.paid(run);
        BankFileFormat.FileTotals file = readBackFile(run);
        new Conservation(new Tally(run.unpaidBeforeCount(), run.unpaidBeforeYen()),
                new Tally(paid.rewards(), paid.grossYen()),
                new Tally(run.expiredCount(), run.expiredYen()),
                new Tally(after.count(), after.yen()),
                new Tally(paid.payouts(), paid.transferredYen()),
                new Tally(file.records(), file.totalYen()),
                run.workersInScope(), ledger.workersConsidered(run)).verify();
        ledger.complete(run, after);
        return RepeatStatus.FINISHED;
    }

    private BankFileFormat.FileTotals readBackFile(PayoutRun run) throws IOException {
        Path file = outbox.resolve(run.bankFile());
        if (!Files.exists(file)) {
            throw new IllegalStateException("the bank file " + file + " written by this run is missing from the outbox");
        }
        if (!Outbox.sha256(file).equals(run.bankFileSha256())) {
            throw new IllegalStateException("the bank file " + file + " no longer has the content this run wrote");
        }
        return bankFile.readTotals(file);
    }
}
