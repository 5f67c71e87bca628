package jp.crowdpay.jobs.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import jp.crowdpay.jobs.returns.ReturnImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "import-returns",
        mixinStandardHelpOptions = true,
        header = "Imports the bank's notice of returned transfers (振込不能・組戻し) and credits the workers.",
        description = "Matches every line of the notice to exactly one payout of a completed run (bank file, or the transfer or business date where the bank does not carry our file name; customer code, amount, account), then, in one transaction, records each return, credits the worker with the amount transferred (the gross with payout.returns.refund-fee) as a new reward whose deadline counts from the return date, and flags the account: the payout carries the worker forward (ACCOUNT_RETURNED) until it changes. A notice with any bad line is refused whole (exit 2, every bad line listed); the same notice again changes nothing.")
class ImportReturnsCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The return notice exported from the bank's portal, in the layout payout.returns.layout.")
    private Path file;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The day the money came back (default: today in payout.zone).")
    private LocalDate date;

    @Option(names = "--dry-run", description = "Read and match the notice as the import would, print what it would credit, and write nothing (no metric either). Exit 0 when it would import, 2 when it would be refused.")
    private boolean dryRun;

    @Override
    public Integer call() {
        ReturnImporter importer = root.bean(ReturnImporter.class);
        return ExitCodes.of(dryRun
                ? importer.dryRun(file, date, spec.commandLine().getOut(), spec.commandLine().getErr())
                : importer.importNotice(file, date, spec.commandLine().getOut(), spec.commandLine().getErr()));
    }
}
