package jp.crowdpay.jobs.payout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.crowdpay.jobs.bankfile.account.BankAccountValidator;
import jp.crowdpay.jobs.bankfile.account.RawBankAccount;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.seed.LedgerSeeder;
import jp.crowdpay.jobs.seed.LedgerSpec;
import jp.crowdpay.jobs.seed.Population;
import jp.crowdpay.jobs.support.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A whole night over a seeded ledger of every kind of worker, checked against the rules
 * computed independently here, in plain SQL and Java: statuses, amounts, file bytes, totals.
 */
class SeededLedgerPayoutTest extends DatabaseTest {

    private static final LocalDate NIGHT = LocalDate.of(2026, 11, 25);
    /** NIGHT - 180 days: rewards confirmed before it are past their deadline. */
    private static final LocalDate CUTOFF = LocalDate.of(2026, 5, 29);

    @Autowired
    private LedgerSeeder seeder;

    @Test
    void paysExactlyWhatTheRulesOweOverASeededLedger() throws Exception {
        // given
        seeder.seed(new LedgerSpec(300, 3_000, 7, NIGHT, Population.REALISTIC));
        long unpaidBefore = number("select coalesce(sum(amount_yen), 0) from reward where confirmed_on <= ?", NIGHT);
        Map<Long, Long> expectedGross = jdbc.query("""
                        select w.id, sum(r.amount_yen) from worker w join reward r on r.worker_id = w.id
                        join bank_account b on b.worker_id = w.id
                        where r.confirmed_on between ? and ? and not w.payout_hold
                          and w.withdrawal_method <> 'CARRY_OVER'
                        group by w.id, w.withdrawal_method
                        having sum(r.amount_yen) >= case w.withdrawal_method when 'ON_DEMAND' then 1000 else 50000 end""",
                        (rs, row) -> Map.entry(rs.getLong(1), rs.getLong(2)), CUTOFF, NIGHT).stream()
                .filter(entry -> accountIsValid(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(expectedGross).hasSizeGreaterThan(100);
        // when
        int exit = execute(new PrintStream(new ByteArrayOutputStream()), System.err, "payout", "--date", NIGHT.toString());
        // then: payouts
        assertThat(exit).isEqualTo(ExitCodes.OK);
        List<Map<String, Object>> payouts = jdbc.queryForList("""
                select p.worker_id, p.gross_yen, p.fee_yen, p.amount_yen, b.bank_code
                from payout p join bank_account b on b.worker_id = p.worker_id order by p.worker_id""");
        assertThat(payouts).hasSize(expectedGross.size());
        for (Map<String, Object> payout : payouts) {
            long gross = expectedGross.get((Long) payout.get("worker_id"));
            long fee = "0036".equals(payout.get("bank_code")) ? 100 : 500;
            assertThat(payout).containsEntry("gross_yen", gross).containsEntry("fee_yen", fee).containsEntry("amount_yen", gross - fee);
        }
        // and reward statuses
        assertThat(number("select count(*) from reward where confirmed_on < ? and status <> 'EXPIRED'", CUTOFF)).isZero();
        assertThat(number("select count(*) from reward where confirmed_on >= ? and status = 'EXPIRED'", CUTOFF)).isZero();
        assertThat(jdbc.queryForList("select distinct worker_id from reward where status = 'PAID' order by 1", Long.class))
                .containsExactlyElementsOf(expectedGross.keySet().stream().sorted().toList());
        assertThat(number("""
                select count(*) from reward r where r.status = 'UNPAID' and r.confirmed_on between ? and ?
                and exists (select 1 from payout p where p.worker_id = r.worker_id)""", CUTOFF, NIGHT)).isZero();
        // and the bank file: one line per payout, worker order, amounts transferred
        List<String> lines = List.of(new String(Files.readAllBytes(Path.of(OUTBOX, "payout-20261125.csv")),
                Charset.forName("Windows-31J")).split("\r\n"));
        assertThat(lines).hasSize(payouts.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(",");
            assertThat(fields[5]).isEqualTo(payouts.get(i).get("amount_yen").toString());
            assertThat(fields[6]).isEqualTo(String.format("%010d", (Long) payouts.get(i).get("worker_id")));
        }
        // and conservation, from the ledger rather than from the run's own records
        long paid = number("select coalesce(sum(amount_yen), 0) from reward where status = 'PAID'");
        long expired = number("select coalesce(sum(amount_yen), 0) from reward where status = 'EXPIRED'");
        long unpaidAfter = number("select coalesce(sum(amount_yen), 0) from reward where status = 'UNPAID' and confirmed_on <= ?", NIGHT);
        assertThat(paid).isEqualTo(expectedGross.values().stream().mapToLong(Long::longValue).sum());
        assertThat(unpaidBefore).isEqualTo(paid + expired + unpaidAfter);
        assertThat(jdbc.queryForMap("select unpaid_before_yen::bigint, expired_yen::bigint, unpaid_after_yen::bigint from payout_run"))
                .containsEntry("unpaid_before_yen", unpaidBefore)
                .containsEntry("expired_yen", expired)
                .containsEntry("unpaid_after_yen", unpaidAfter);
    }

    private boolean accountIsValid(long workerId) {
        RawBankAccount stored = jdbc.queryForObject(
                "select bank_code, branch_code, account_type, account_number, payee_name from bank_account where worker_id = ?",
                (rs, row) -> new RawBankAccount(rs.getString(1), rs.getString(2), rs.getObject(3, Integer.class),
                        rs.getString(4), rs.getString(5)), workerId);
        return BankAccountValidator.validate(stored) instanceof BankAccountValidator.Valid;
    }

    private long number(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }
}
