package jp.crowdpay.jobs.returns;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jp.crowdpay.jobs.bankfile.account.BankAccount;
import jp.crowdpay.jobs.returns.notice.NoticeLine;
import jp.crowdpay.jobs.returns.notice.RefusalText;
import jp.crowdpay.jobs.returns.notice.RefusedLine;

/**
 * Matches each line of a notice to exactly one payout of a completed run. A line that names our
 * bank file is matched by the file, its customer code, the amount transferred and the account.
 * A bank that does not carry our file name is matched by what it does carry: the transfer date
 * or the business date, the customer code, the amount and the account; the line must single out
 * one payout among those of the runs the date allows. A line that matches nothing, more than one
 * payout, a payout that already came back or one that another line names too is refused with the
 * reason. Knows no database: the caller looks the payouts up.
 */
public final class ReturnMatching {

    /** The run that wrote a bank file. */
    public record RunOfFile(LocalDate businessDate, boolean completed) {
    }

    public record Matched(NoticeLine line, ReturnedPayout payout) {
    }

    /** The business dates of the runs a line may name, both included. */
    public record Runs(LocalDate from, LocalDate to) {
    }

    private final LocalDate returnDate;
    private final int transferDateWindowDays;
    private final Map<Long, Integer> lineOfPayout = new HashMap<>();
    private final List<Matched> matched = new ArrayList<>();
    private final List<RefusedLine> refused = new ArrayList<>();

    /** @param transferDateWindowDays how many days after its run's business date a transfer may be dated */
    public ReturnMatching(LocalDate returnDate, int transferDateWindowDays) {
        this.returnDate = returnDate;
        this.transferDateWindowDays = transferDateWindowDays;
    }

    /** The runs whose payouts a line without a file name may name: by its business date, or up to the window before its transfer date. */
    public Runs runsFor(NoticeLine line) {
        if (line.businessDate() != null) {
            return new Runs(line.businessDate(), line.businessDate());
        }
        return new Runs(line.transferDate().minusDays(transferDateWindowDays), line.transferDate());
    }

    /**
     * @param run        the run that wrote the line's bank file, if the line names one and a run did
     * @param candidates the payouts to the line's customer code: in that file, or, for a line
     *                   without a file name, in the runs of {@link #runsFor}
     */
    public void match(NoticeLine line, Optional<RunOfFile> run, List<ReturnedPayout> candidates) {
        Optional<String> problem;
        ReturnedPayout payout = null;
        if (line.bankFile() != null) {
            problem = inFile(line, run, candidates);
            payout = problem.isEmpty() ? candidates.get(0) : null;
        } else {
            List<ReturnedPayout> same = candidates.stream()
                    .filter(candidate -> candidate.amountYen() == line.amountYen() && differingFields(line, candidate.paidTo()).isEmpty())
                    .toList();
            problem = byDate(line, candidates, same);
            payout = problem.isEmpty() ? same.get(0) : null;
        }
        if (problem.isEmpty()) {
            problem = once(line, payout, describe(line, payout));
        }
        if (problem.isPresent()) {
            refused.add(new RefusedLine(line.lineNumber(), problem.get()));
            return;
        }
        lineOfPayout.put(payout.payoutId(), line.lineNumber());
        matched.add(new Matched(line, payout));
    }

    public List<Matched> matched() {
        return List.copyOf(matched);
    }

    public List<RefusedLine> refused() {
        return List.copyOf(refused);
    }

    private static String describe(NoticeLine line, ReturnedPayout payout) {
        return "the transfer to customer code " + line.customerCode() + " in " + payout.bankFile();
    }

    private Optional<String> inFile(NoticeLine line, Optional<RunOfFile> run, List<ReturnedPayout> candidates) {
        String file = RefusalText.bankFile(line.bankFile());
        String transfer = "the transfer to customer code " + line.customerCode() + " in " + file;
        if (run.isEmpty()) {
            return Optional.of("no payout run wrote a bank file named " + file);
        }
        if (!run.get().completed()) {
            return Optional.of("the payout run of " + run.get().businessDate() + " that wrote " + file
                    + " has not completed; returns are imported against completed runs only");
        }
        if (candidates.isEmpty()) {
            return Optional.of(file + " has no transfer to customer code " + line.customerCode());
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
        if (line.businessDate() != null && !line.businessDate().equals(payout.businessDate())) {
            return Optional.of("the business date " + line.businessDate() + " is not that of the run of "
                    + payout.businessDate() + " that wrote " + file);
        }
        if (line.transferDate() != null && !transferable(line.transferDate(), payout.businessDate())) {
            return Optional.of("the transfer date " + line.transferDate() + " cannot be that of the run of "
                    + payout.businessDate() + " that wrote " + file + " (on its business date or up to "
                    + transferDateWindowDays + " days after)");
        }
        return Optional.empty();
    }

    private Optional<String> byDate(NoticeLine line, List<ReturnedPayout> candidates, List<ReturnedPayout> same) {
        Runs runs = runsFor(line);
        String when = line.businessDate() != null ? "the run of " + line.businessDate()
                : "the runs of " + runs.from() + " to " + runs.to() + " (transfer date " + line.transferDate() + ", up to "
                        + transferDateWindowDays + " days after a run's business date)";
        if (same.isEmpty()) {
            return Optional.of("no payout matches: " + when + " paid customer code " + line.customerCode() + " no "
                    + line.amountYen() + " yen to that account" + (candidates.isEmpty() ? ""
                    : "; " + candidates.size() + " payout" + (candidates.size() == 1 ? " to it differs" : "s to it differ")
                            + " in amount or account"));
        }
        if (same.size() > 1) {
            return Optional.of("matches " + same.size() + " payouts, in " + same.stream().map(ReturnedPayout::bankFile)
                    .collect(Collectors.joining(" and ")) + ", not exactly one: list this return in a notice that names"
                    + " the bank file");
        }
        ReturnedPayout payout = same.get(0);
        if (!payout.runCompleted()) {
            return Optional.of("the payout run of " + payout.businessDate() + " that wrote " + payout.bankFile()
                    + " has not completed; returns are imported against completed runs only");
        }
        return Optional.empty();
    }

    /** A payout comes back once, is named by one line, and not before it was made. */
    private Optional<String> once(NoticeLine line, ReturnedPayout payout, String transfer) {
        if (payout.earlierReturn() != null) {
            return Optional.of(transfer + " already came back (" + payout.earlierReturn() + "); a payout is returned once");
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

    private boolean transferable(LocalDate transferDate, LocalDate businessDate) {
        return !transferDate.isBefore(businessDate) && !transferDate.isAfter(businessDate.plusDays(transferDateWindowDays));
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
