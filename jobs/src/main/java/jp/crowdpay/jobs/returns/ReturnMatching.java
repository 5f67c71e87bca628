package jp.crowdpay.jobs.returns;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.crowdpay.jobs.bankfile.BankAccount;

/**
 * Matches each line of a notice to exactly one payout of a completed run: the bank file the line
 * names, its customer code, the amount transferred and the account. A line that matches nothing,
 * more than one payout, a payout that already came back or one that another line names too is
 * refused with the reason. Knows no database: the caller looks the payouts up.
 */
public final class ReturnMatching {

    /** The run that wrote a bank file. */
    public record RunOfFile(LocalDate businessDate, boolean completed) {
    }

    public record Matched(NoticeLine line, ReturnedPayout payout) {
    }

    private final LocalDate returnDate;
    private final Map<Long, Integer> lineOfPayout = new HashMap<>();
    private final List<Matched> matched = new ArrayList<>();
    private final List<RefusedLine> refused = new ArrayList<>();

    public ReturnMatching(LocalDate returnDate) {
        this.returnDate = returnDate;
    }

    /**
     * @param run        the run that wrote the line's bank file, if any did
     * @param candidates the payouts of that run to the line's customer code
     */
    public void match(NoticeLine line, Optional<RunOfFile> run, List<ReturnedPayout> candidates) {
        problem(line, run, candidates).ifPresentOrElse(
                why -> refused.add(new RefusedLine(line.lineNumber(), why)),
                () -> {
                    ReturnedPayout payout = candidates.get(0);
                    lineOfPayout.put(payout.payoutId(), line.lineNumber());
                    matched.add(new Matched(line, payout));
                });
    }

    public List<Matched> matched() {
        return List.copyOf(matched);
    }

    public List<RefusedLine> refused() {
        return List.copyOf(refused);
    }

    private Optional<String> problem(NoticeLine line, Optional<RunOfFile> run, List<ReturnedPayout> candidates) {
        String transfer = "the transfer to customer code " + line.customerCode() + " in " + line.bankFile();
        if (run.isEmpty()) {
            return Optional.of("no payout run wrote a bank file named " + line.bankFile());
        }
        if (!run.get().completed()) {
            return Optional.of("the payout run of " + run.get().businessDate() + " that wrote " + line.bankFile()
                    + " has not completed; returns are imported against completed runs only");
        }
        if (candidates.isEmpty()) {
            return Optional.of(line.bankFile() + " has no transfer to customer code " + line.customerCode());
        }
        if (candidates.size() > 1) {
            return Optional.of(transfer + " matches " + candidates.size() + " payouts, not exactly one");
        }
        ReturnedPayout payout = candidates.get(0);
        if (line.amountYen() != payout.amountYen()) {
            return Optional.of("the amount " + line.amountYen() + " yen differs from the " + payout.amountYen()
                    + " yen of " + transfer);
        }
        List<String> differing = differingFields(line, payout.paidTo());
        if (!differing.isEmpty()) {
            return Optional.of(String.join(", ", differing) + " differ" + (differing.size() == 1 ? "s" : "")
                    + " from the account of " + transfer);
        }
        if (payout.earlierReturn() != null) {
            return Optional.of(transfer + " already came back (" + payout.earlierReturn()
                    + "); a payout is returned once");
        }
        Integer earlierLine = lineOfPayout.get(payout.payoutId());
        if (earlierLine != null) {
            return Optional.of(transfer + " is named by line " + earlierLine + " already");
        }
        if (returnDate.isBefore(payout.businessDate())) {
            return Optional.of("the return date " + returnDate + " is before the payout of " + payout.businessDate()
                    + " was made");
        }
        return Optional.empty();
    }

    /** Field names only: the values are personal data. */
    private static List<String> differingFields(NoticeLine line, BankAccount paidTo) {
        List<String> differing = new ArrayList<>();
        if (!line.bankCode().equals(paidTo.bankCode())) {
            differing.add("the bank code");
        }
        if (!line.branchCode().equals(paidTo.branchCode())) {
            differing.add("the branch code");
        }
        if (line.accountType() != null && line.accountType() != paidTo.accountType().code()) {
            differing.add("the account type");
        }
        if (!line.accountNumber().equals(paidTo.accountNumber())) {
            differing.add("the account number");
        }
        if (line.payeeName() != null && !line.payeeName().equals(paidTo.payeeName())) {
            differing.add("the payee name");
        }
        return differing;
    }
}
