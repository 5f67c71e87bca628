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
        description = {"Runs the nightly payout for one business date: expires rewards past their deadline, pays every worker whose balance meets their withdrawal method, and writes the bank file. A date already completed is not run again; a failed date is continued where it stopped.",
                "An earlier date whose run did not complete (a killed or failed night) is completed first, with its own bank file, then the date asked for runs.",
                "After each date it completes, it writes that night's expiry notices (payout.notices.after-payout, default true); exit 5 when the night completed and its notices did not."})
class PayoutCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "Business date of the run (default: today in the configured zone, payout.zone).")
    private LocalDate date;

    @Option(names = "--no-catch-up",
            description = "Run only this date: refused (exit 2, nothing touched) while an earlier date's run has not completed.")
    private boolean noCatchUp;

    @Override
    public Integer call() {
        return ExitCodes.of(root.bean(PayoutLauncher.class).launch(date, !noCatchUp, spec.commandLine().getOut(), spec.commandLine().getErr()));
    }
}
