package jp.crowdpay.jobs.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import jp.crowdpay.jobs.payout.handover.BankFileReissue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "reissue",
        mixinStandardHelpOptions = true,
        header = "Writes a completed payout's bank file and manifest again, byte for byte.",
        description = "Writes the bank file and manifest of a completed payout again, from its recorded payouts, into <outbox>/reissued/: byte for byte the original. Changes nothing in the ledger; the reissue is recorded in bank_file_reissue.")
class ReissueCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "Business date of the payout.")
    private LocalDate date;

    @Override
    public Integer call() {
        return ExitCodes.of(root.bean(BankFileReissue.class).reissue(date, spec.commandLine().getOut(), spec.commandLine().getErr()));
    }
}
