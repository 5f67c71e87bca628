package jp.crowdpay.jobs.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import jp.crowdpay.jobs.status.StatusReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        header = "Shows the recent runs of both jobs.",
        description = "Shows the recent runs of both jobs: date, state, attempts, counts and yen totals, bank file, duration; and whether a run is in progress right now. Changes nothing.")
class StatusCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

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
            spec.commandLine().getErr().println("error: --last must be 1 or more, not " + selection.last);
            return ExitCodes.USAGE;
        }
        root.bean(StatusReport.class).print(selection.date, selection.last, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
