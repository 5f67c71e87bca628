package jp.crowdpay.jobs.payout.run;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.crowdpay.jobs.payout.rules.PayoutOutcome;
import jp.crowdpay.jobs.runs.FieldLine;
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

    public static final String SUBJECT = PayoutJobParameters.JOB_NAME + " summary:";

    /** Workers of one outcome and their balances. */
    public record Workers(long count, BigInteger yen) {
        static final Workers NONE = new Workers(0, BigInteger.ZERO);
    }

    /** @param zone the business zone: the day the bank master was imported is a day in it */
    public static PayoutSummary load(JdbcTemplate jdbc, PayoutLedger ledger, PayoutRun run, ZoneId zone) {
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
                byOutcome, run.bankFile(), bankMaster(jdbc, zone));
    }

    /** The master as it stands now (runs read it when they pay), or null when none is loaded. */
    private static String bankMaster(JdbcTemplate jdbc, ZoneId zone) {
        return jdbc.queryForObject("""
                select (select count(*) from bank), (select count(*) from bank_branch),
                       (select (max(imported_at) at time zone ?)::date from bank_master_import)""",
                (rs, row) -> rs.getLong(1) == 0 ? null
                        : String.format("%,d banks, %,d branches, imported %s", rs.getLong(1), rs.getLong(2),
                                rs.getString(3)),
                zone.getId());
    }

    public long carried(PayoutOutcome reason) {
        return byOutcome.getOrDefault(reason, Workers.NONE).count();
    }

    /** The carried-forward report: one set of fields per reason that carried a worker, with the run's date and id. */
    public List<Map<String, Object>> carriedForward() {
        List<Map<String, Object>> report = new ArrayList<>();
        for (PayoutOutcome reason : PayoutOutcome.values()) {
            Workers workers = byOutcome.getOrDefault(reason, Workers.NONE);
            if (reason != PayoutOutcome.PAID && workers.count() > 0) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("date", businessDate.toString());
                fields.put("run", runId);
                fields.put("reason", reason.name());
                fields.put("workers", workers.count());
                fields.put("yen", workers.yen());
                fields.put("follow_up", reason.needsFollowUp());
                report.add(fields);
            }
        }
        return report;
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

    /** The summary's figures, in the order of its log line; no personal data. */
    public Map<String, Object> fields(String status) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("date", businessDate.toString());
        fields.put("run", runId);
        fields.put("status", status);
        fields.put("workers", workersConsidered);
        fields.put("payouts", paid.payouts());
        fields.put("gross_yen", paid.grossYen());
        fields.put("fee_yen", paid.feeYen());
        fields.put("transferred_yen", paid.transferredYen());
        fields.put("expired", expiredCount);
        fields.put("expired_yen", expiredYen);
        for (PayoutOutcome reason : PayoutOutcome.values()) {
            if (reason != PayoutOutcome.PAID) {
                fields.put(reason.name().toLowerCase(), carried(reason));
            }
        }
        fields.put("file", String.valueOf(bankFile));
        fields.put("bank_master", bankMaster == null ? "not_loaded" : "loaded");
        return fields;
    }
}
