package jp.crowdpay.jobs.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import jp.crowdpay.jobs.payout.PayoutLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "payout",
        mixinStandardHelpOptions = true,
        header = "Runs the nightly payout of one business date.",
        description = "Runs the nightly payout for one business date: expires rewards past their deadline, pays every worker whose balance meets their withdrawal method, and writes the bank file. A date already completed is not run again; a failed date is continued where it stopped.")
class PayoutCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "Business date of the run (default: today in the configured zone, payout.zone).")
    private LocalDate date;

    @Override
    public Integer call() {
        return ExitCodes.of(root.bean(PayoutLauncher.class).launch(date, spec.commandLine().getOut(), spec.commandLine().getErr()));
    }
}
