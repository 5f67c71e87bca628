package jp.crowdpay.jobs.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import jp.crowdpay.jobs.locks.LockReleaseLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "release-locks",
        mixinStandardHelpOptions = true,
        header = "Releases stale automatic account locks, never staff locks.",
        description = "Releases the stale automatic (FAILED_ATTEMPTS) account locks and records each release"
                + " in lock_release_event. Staff locks (ADMIN, SECURITY) are never released; accounts locked"
                + " too often are left for support. Meant to run every few minutes from cron.")
class ReleaseLocksCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--as-of", paramLabel = "INSTANT",
            description = "Release what is stale at this instant, e.g. 2025-04-01T03:00:00Z (default: now). "
                    + "Not later than now plus locks.clock-skew.")
    private Instant asOf;

    @Option(names = "--dry-run", description = "List what would be released; change no account.")
    private boolean dryRun;

    @Override
    public Integer call() {
        return ExitCodes.of(root.bean(LockReleaseLauncher.class)
                .launch(asOf, dryRun, spec.commandLine().getOut(), spec.commandLine().getErr()));
    }
}
