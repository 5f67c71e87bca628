package jp.crowdpay.jobs.payout;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import jp.crowdpay.jobs.cli.RootCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "payout",
        mixinStandardHelpOptions = true,
        header = "Runs the nightly payout of one business date.",
        description = "Runs the nightly payout for one business date: expires rewards past their deadline, pays every worker whose balance meets their withdrawal method, and writes the bank file. A date already completed is not run again; a failed date is continued where it stopped.")
public class PayoutCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "Business date of the run (default: today in the configured zone, payout.zone).")
    private LocalDate date;

    @Override
    public Integer call() {
        return root.bean(PayoutLauncher.class).launch(date);
    }
}
