package jp.crowdpay.jobs.support;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Writes ledger rows the way the platform does, in the fewest words a test can read. */
public class LedgerFixture {

    private final JdbcTemplate jdbc;

    public LedgerFixture(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public LedgerFixture worker(long id, String withdrawalMethod) {
        jdbc.update("insert into worker (id, display_name, withdrawal_method) values (?, ?, ?)",
                id, "worker " + id, withdrawalMethod);
        return this;
    }

    public LedgerFixture onHold(long workerId) {
        jdbc.update("update worker set payout_hold = true where id = ?", workerId);
        return this;
    }

    /** A worker paid on demand, with a valid account at the given bank. */
    public LedgerFixture payableWorker(long id, String bankCode) {
        worker(id, "ON_DEMAND");
        return account(id, bankCode, "101", 1, String.format("%07d", id), "ﾃｽﾄ ﾀﾛｳ");
    }

    public LedgerFixture account(long workerId, String bankCode, String branchCode, Integer accountType,
                                 String accountNumber, String payeeName) {
        jdbc.update("""
                insert into bank_account (worker_id, bank_code, branch_code, account_type, account_number, payee_name)
                values (?, ?, ?, ?, ?, ?)""",
                workerId, bankCode, branchCode, accountType, accountNumber, payeeName);
        return this;
    }

    public long reward(long workerId, long amountYen, String confirmedOn) {
        return jdbc.queryForObject(
                "insert into reward (worker_id, amount_yen, confirmed_on) values (?, ?, ?) returning id",
                Long.class, workerId, amountYen, LocalDate.parse(confirmedOn));
    }

    /** A reward with the given id: tests of the marking place rewards at chosen ids. */
    public void reward(long id, long workerId, long amountYen, String confirmedOn) {
        jdbc.update("insert into reward (id, worker_id, amount_yen, confirmed_on) values (?, ?, ?, ?)",
                id, workerId, amountYen, LocalDate.parse(confirmedOn));
    }

    /** The reward's status and the worker of the payout it is marked with ("PAID 1", "UNPAID -"). */
    public String statusAndPayoutWorker(long rewardId) {
        return jdbc.queryForObject("""
                select r.status || ' ' || coalesce(p.worker_id::text, '-')
                from reward r left join payout p on p.id = r.payout_id where r.id = ?""", String.class, rewardId);
    }

    public String status(long rewardId) {
        return jdbc.queryForObject("select status from reward where id = ?", String.class, rewardId);
    }

    /** The payout of the worker in the run of the date: gross, fee, amount. */
    public List<Map<String, Object>> payouts(String businessDate) {
        return jdbc.queryForList("""
                select p.worker_id, p.reward_count, p.gross_yen, p.fee_yen, p.amount_yen
                from payout p join payout_run r on r.id = p.run_id
                where r.business_date = ? order by p.worker_id""",
                LocalDate.parse(businessDate));
    }

    /** Every row that the payout job can change, in a stable order: equal snapshots mean equal ledgers. */
    public String snapshot() {
        return String.join("\n",
                // payout ids come from a sequence that a rolled-back chunk advances: compare by worker instead
                jdbc.queryForList("select r.id || ' ' || r.status || ' ' || coalesce(p.run_id || '/' || p.worker_id, '-')"
                        + " || ' ' || coalesce(r.expired_by_run_id::text, '-')"
                        + " from reward r left join payout p on p.id = r.payout_id order by r.id", String.class).toString(),
                jdbc.queryForList("select run_id || ' ' || worker_id || ' ' || reward_count || ' ' || gross_yen || ' ' || fee_yen"
                        + " || ' ' || amount_yen || ' ' || bank_code || ' ' || payee_name from payout order by run_id, worker_id",
                        String.class).toString(),
                jdbc.queryForList("select run_id || ' ' || worker_id || ' ' || reason || ' ' || balance_yen"
                        + " from payout_exception order by run_id, worker_id", String.class).toString(),
                jdbc.queryForList("select run_id || ' ' || outcome || ' ' || workers || ' ' || balance_yen"
                        + " from payout_run_tally order by run_id, outcome", String.class).toString(),
                jdbc.queryForList("select id || ' ' || business_date || ' ' || unpaid_before_yen || ' ' || expired_yen"
                        + " || ' ' || unpaid_after_yen || ' ' || bank_file_sha256"
                        + " || ' marked ' || coalesce(marked_rewards || ' / ' || marked_yen, '-') from payout_run order by id",
                        String.class).toString());
    }
}
