package jp.crowdpay.jobs.payout;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a run did, as stored in payout_run and payout_run_tally: printed at the end of every run. */
public record PayoutSummary(
        long runId,
        LocalDate businessDate,
        long workersConsidered,
        PayoutLedger.PaidTotals paid,
        long expiredCount,
        BigInteger expiredYen,
        Map<PayoutOutcome, Workers> byOutcome,
        String bankFile,
        /* null when no bank master is loaded */
        String bankMaster) {

    /** Workers of one outcome and their balances. */
    public record Workers(long count, BigInteger yen) {
        static final Workers NONE = new Workers(0, BigInteger.ZERO);
    }

    public static PayoutSummary load(JdbcTemplate jdbc, PayoutLedger ledger, PayoutRun run) {
        Map<PayoutOutcome, Workers> byOutcome = new EnumMap<>(PayoutOutcome.class);
        jdbc.query("select outcome, workers, balance_yen from payout_run_tally where run_id = ?",
                rs -> {
                    byOutcome.put(PayoutOutcome.valueOf(rs.getString(1)),
                            new Workers(rs.getLong(2), PayoutLedger.yen(rs.getBigDecimal(3))));
                },
                run.id());
        long considered = byOutcome.values().stream().mapToLong(Workers::count).sum();
        return new PayoutSummary(run.id(), run.businessDate(), considered, ledger.paid(run),
                run.expiredCount() == null ? 0 : run.expiredCount(),
                run.expiredYen() == null ? BigInteger.ZERO : run.expiredYen(),
                byOutcome, run.bankFile(), bankMaster(jdbc));
    }

    /** The master as it stands now (runs read it when they pay), or null when none is loaded. */
    private static String bankMaster(JdbcTemplate jdbc) {
        return jdbc.queryForObject("""
                select (select count(*) from bank), (select count(*) from bank_branch),
                       (select max(imported_at)::date from bank_master_import)""",
                (rs, row) -> rs.getLong(1) == 0 ? null
                        : String.format("%,d banks, %,d branches, imported %s", rs.getLong(1), rs.getLong(2),
                                rs.getString(3)));
    }

    public long carried(PayoutOutcome reason) {
        return byOutcome.getOrDefault(reason, Workers.NONE).count();
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("payout run " + runId + " for " + businessDate);
        lines.add(String.format("  workers considered   %,d", workersConsidered));
        lines.add(String.format("  payouts              %,d  gross %,d yen  fees %,d yen  transferred %,d yen",
                paid.payouts(), paid.grossYen(), paid.feeYen(), paid.transferredYen()));
        lines.add(String.format("  expired rewards      %,d  %,d yen", expiredCount, expiredYen));
        lines.add("  carried forward:");
        for (PayoutOutcome reason : PayoutOutcome.values()) {
            if (reason != PayoutOutcome.PAID) {
                Workers workers = byOutcome.getOrDefault(reason, Workers.NONE);
                lines.add(String.format("    %-22s %,d workers  %,d yen", reason, workers.count(), workers.yen()));
            }
        }
        lines.add("  bank file            " + (bankFile == null ? "(not written yet)" : bankFile));
        lines.add("  bank master          " + (bankMaster == null ? "not loaded, only field rules checked" : bankMaster));
        return lines;
    }

    /** One line a log search finds: every figure of the run, no personal data. */
    public String oneLine(String status) {
        StringBuilder line = new StringBuilder(PayoutJobParameters.JOB_NAME + " summary:")
                .append(" date=").append(businessDate)
                .append(" run=").append(runId)
                .append(" status=").append(status)
                .append(" workers=").append(workersConsidered)
                .append(" payouts=").append(paid.payouts())
                .append(" gross_yen=").append(paid.grossYen())
                .append(" fee_yen=").append(paid.feeYen())
                .append(" transferred_yen=").append(paid.transferredYen())
                .append(" expired=").append(expiredCount)
                .append(" expired_yen=").append(expiredYen);
        for (PayoutOutcome reason : PayoutOutcome.values()) {
            if (reason != PayoutOutcome.PAID) {
                line.append(' ').append(reason.name().toLowerCase()).append('=').append(carried(reason));
            }
        }
        return line.append(" file=").append(bankFile)
                .append(" bank_master=").append(bankMaster == null ? "not_loaded" : "loaded").toString();
    }
}
