package jp.crowdpay.jobs.ops;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.cli.RootCommand;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        header = "Shows the recent runs of both jobs.",
        description = "Shows the recent runs of both jobs: date, state, attempts, counts and yen totals, bank file, duration; and whether a run is in progress right now. Changes nothing.")
public class StatusCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @ArgGroup(exclusive = true)
    private Selection selection = new Selection();

    static class Selection {
        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Only the runs of this business date.")
        LocalDate date;

        @Option(names = "--last", paramLabel = "N", defaultValue = "10",
                description = "The N most recent runs of each job (default: ${DEFAULT-VALUE}).")
        int last = 10;
    }

    @Override
    public Integer call() {
        if (selection.last < 1) {
            System.err.println("error: --last must be 1 or more, not " + selection.last);
            return ExitCodes.USAGE;
        }
        root.bean(StatusReport.class).print(selection.date, selection.last, System.out);
        return ExitCodes.OK;
    }
}
