package jp.crowdpay.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.crowdpay.jobs.bankmaster.BankMasterImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "import-banks",
        mixinStandardHelpOptions = true,
        header = "Loads or refreshes the bank master from the zengin-code data set.",
        description = "Replaces the bank master (banks, branches and their kana names) by the contents of a zengin-code JSON file, in one transaction, and reports what was added, changed and removed.")
class ImportBanksCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The zengin-code data set (JSON keyed by bank code).")
    private Path file;

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(file)) {
            spec.commandLine().getErr().println("error: cannot read " + file);
            return ExitCodes.USAGE;
        }
        long started = System.nanoTime();
        BankMasterImporter.Report report;
        try {
            report = root.bean(BankMasterImporter.class).importFile(file);
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JacksonException notTheDataSet) {
            spec.commandLine().getErr().println("error: " + file + " is not a zengin-code data set: "
                    + notTheDataSet.getMessage() + "; the bank master is unchanged");
            return ExitCodes.FAILED;
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
