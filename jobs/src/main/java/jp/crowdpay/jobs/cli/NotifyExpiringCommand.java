package jp.crowdpay.jobs.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import jp.crowdpay.jobs.notices.ExpiryNotices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "notify-expiring",
        mixinStandardHelpOptions = true,
        header = "Writes the expiry notices (出金期限のお知らせ) of a night, after its payout.",
        description = "Warns every worker whose earliest unpaid reward reaches its withdrawal deadline within a threshold (payout.notices.thresholds, default 30, 7, 1 days), once per threshold and deadline: records the notices and writes notices/expiry-YYYYMMDD.jsonl and its manifest in the outbox. Lists for support the locked-out workers with yen at risk within the smallest threshold whose lock the lock release does not lift. Refused (exit 2) until the payout of the date has completed; the same date again writes nothing new.")
class NotifyExpiringCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The business date whose payout the notices follow (default: today in payout.zone).")
    private LocalDate date;

    @Override
    public Integer call() {
        return ExitCodes.of(root.bean(ExpiryNotices.class).notifyExpiring(date, spec.commandLine().getOut(),
                spec.commandLine().getErr()));
    }
}
