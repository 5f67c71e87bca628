package jp.crowdpay.jobs.payout;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import jp.crowdpay.jobs.cli.RootCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "reissue",
        mixinStandardHelpOptions = true,
        header = "Writes a completed payout's bank file and manifest again, byte for byte.",
        description = "Writes the bank file and manifest of a completed payout again, from its recorded payouts, into <outbox>/reissued/: byte for byte the original. Changes nothing in the ledger; the reissue is recorded in bank_file_reissue.")
public class ReissueCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "Business date of the payout.")
    private LocalDate date;

    @Override
    public Integer call() {
        return root.bean(BankFileReissue.class).reissue(date, System.out, System.err);
    }
}
