package jp.crowdpay.jobs.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import jp.crowdpay.jobs.status.HealthCheck;
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
        description = {"Shows the recent runs of both jobs: date, state, attempts, counts and yen totals, bank file, duration; and whether a run is in progress right now. Changes nothing.",
                "With --check: exit 0 and one line when the latest payout run did not fail, a payout run completed within --payout-max-age and a lock release within --locks-max-age, the latest completed night's expiry notices are written (or it completed less than --notices-max-delay ago) and no bank file has waited in the outbox longer than --bank-file-max-age; else exit 4 and one line on standard error that says what is wrong."})
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

    @Option(names = "--check", description = "Check the schedule's health instead of listing the runs (for cron, systemd OnFailure=, Kubernetes, monitoring agents).")
    private boolean check;

    @Option(names = "--payout-max-age", paramLabel = "AGE", defaultValue = "26h", converter = AgeConverter.class,
            description = "With --check: how long ago the latest payout run may have completed (default: ${DEFAULT-VALUE}).")
    private Duration payoutMaxAge;

    @Option(names = "--locks-max-age", paramLabel = "AGE", defaultValue = "15m", converter = AgeConverter.class,
            description = "With --check: how long ago the latest lock release may have completed (default: ${DEFAULT-VALUE}).")
    private Duration locksMaxAge;

    @Option(names = "--notices-max-delay", paramLabel = "AGE", defaultValue = "2h", converter = AgeConverter.class,
            description = "With --check: how long after the latest night completed its expiry notices may still be missing (default: ${DEFAULT-VALUE}).")
    private Duration noticesMaxDelay;

    @Option(names = "--bank-file-max-age", paramLabel = "AGE", defaultValue = "6h", converter = AgeConverter.class,
            description = "With --check: how long a bank file may stay in the outbox before the bank takes it (default: ${DEFAULT-VALUE}).")
    private Duration bankFileMaxAge;

    @Override
    public Integer call() {
        if (check) {
            boolean healthy = root.bean(StatusReport.class).check(
                    new HealthCheck(payoutMaxAge, locksMaxAge, noticesMaxDelay, bankFileMaxAge),
                    spec.commandLine().getOut(), spec.commandLine().getErr());
            return healthy ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
        if (selection.last < 1) {
            spec.commandLine().getErr().println("error: --last must be 1 or more, not " + selection.last);
            return ExitCodes.USAGE;
        }
        root.bean(StatusReport.class).print(selection.date, selection.last, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
