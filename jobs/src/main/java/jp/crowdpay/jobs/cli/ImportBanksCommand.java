package jp.crowdpay.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.crowdpay.jobs.bankmaster.BankMasterImporter;
import jp.crowdpay.jobs.bankmaster.BankMasterImporter.Removals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "import-banks",
        mixinStandardHelpOptions = true,
        header = "Loads or refreshes the bank master from the zengin-code data set.",
        description = {
                "Replaces the bank master (banks, branches and their kana names) by the contents of a zengin-code"
                        + " JSON file, in one transaction, and reports what was added, changed and removed.",
                "Refused, the master unchanged: a file that is not the data set (exit 1: a key twice, anything"
                        + " after the object, a field missing); a file that would remove more than"
                        + " payout.bank-master.max-removed-percent of the banks or branches, unless --allow-removals"
                        + " (exit 2); while a payout runs or has not completed, which keeps the master it started"
                        + " with (exit 3)."})
class ImportBanksCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The zengin-code data set (JSON keyed by bank code).")
    private Path file;

    @Option(names = "--allow-removals",
            description = "Remove whatever the file leaves out, however much of the master that is.")
    private boolean allowRemovals;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        if (Files.isDirectory(file)) {
            err.println("error: " + file + " is a directory, not a zengin-code file; the bank master is unchanged");
            return ExitCodes.USAGE;
        }
        if (!Files.isReadable(file)) {
            err.println("error: cannot read " + file + "; the bank master is unchanged");
            return ExitCodes.USAGE;
        }
        long started = System.nanoTime();
        BankMasterImporter.Report report;
        try {
            report = root.bean(BankMasterImporter.class).importFile(file, allowRemovals ? Removals.ALLOWED : Removals.LIMITED);
        } catch (IOException unreadable) {
            err.println("error: cannot read " + file + ": " + unreadable.getMessage() + "; the bank master is unchanged");
            return ExitCodes.USAGE;
        } catch (IllegalArgumentException notTheDataSet) {
            err.println("error: " + file + " is not a zengin-code data set: " + notTheDataSet.getMessage()
                    + "; the bank master is unchanged");
            return ExitCodes.FAILED;
        } catch (BankMasterImporter.Refused refused) {
            boolean removals = refused.reason() == BankMasterImporter.Refused.Reason.TOO_MANY_REMOVALS;
            err.println("error: " + file + " was not imported: " + refused.getMessage()
                    + (removals ? "; check the file, and if the removals are right run again with --allow-removals" : "")
                    + "; the bank master is unchanged");
            return removals ? ExitCodes.USAGE : ExitCodes.ALREADY_RUNNING;
        }
        var out = spec.commandLine().getOut();
        out.printf("bank master imported from %s in %,d ms: %,d banks, %,d branches%n", file,
                (System.nanoTime() - started) / 1_000_000, report.banks(), report.branches());
        report.changes().lines().forEach(out::println);
        if (report.unconvertedNames() > 0) {
            out.printf("  %,d names have characters the bank's set lacks: stored as is, left blank in Zengin records%n",
                    report.unconvertedNames());
        }
        return ExitCodes.OK;
    }
}
