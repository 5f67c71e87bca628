package jp.crowdpay.jobs.cli;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jp.crowdpay.jobs.close.DateRange;
import jp.crowdpay.jobs.close.MonthEndClose;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "close-month",
        mixinStandardHelpOptions = true,
        header = "Closes a month's books (月次締め): the workers' liability rolled forward, and its journal.",
        description = "Rolls the month's liability to the workers forward by business date (opening + confirmed + re-credited - paid - expired = closing), proves the closing equal to the ledger's unpaid total at the end of the month's last night, records the close (its figures never change afterwards) and writes the journal into <outbox>/journal/: journal-YYYYMM.csv in 弥生会計's import format (CP932), journal-YYYYMM-utf8.csv as plain CSV, and a manifest. Refused (exit 2, nothing written) until the month is over and every night of it has completed, or when the figures do not agree (the line names the difference). A month closed already is printed again (exit 0).")
class CloseMonthCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The calendar month to close.")
    private YearMonth month;

    @Option(names = "--missed-nights", split = ",", paramLabel = "DATE|FROM..TO", converter = DateRangeConverter.class,
            description = "Dates of the month on which no night ran and none can run any more (a later night covered them), confirmed as missed: the refusal lists them.")
    private List<DateRange> missedNights = new ArrayList<>();

    @Override
    public Integer call() {
        return ExitCodes.of(root.bean(MonthEndClose.class).closeMonth(month, missedNights, spec.commandLine().getOut(),
                spec.commandLine().getErr()));
    }
}
