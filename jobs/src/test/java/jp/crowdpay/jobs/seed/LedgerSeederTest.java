package jp.crowdpay.jobs.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import jp.crowdpay.jobs.payout.rules.WithdrawalMethod;
import jp.crowdpay.jobs.support.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LedgerSeederTest extends DatabaseTest {

    private static final LocalDate BUSINESS_DATE = LocalDate.of(2026, 5, 1);
    private static final LedgerSpec DEMO = LedgerSpec.of(2_000, 42, BUSINESS_DATE, Population.REALISTIC);
    /** Workers by unpaid balance on the business date: their unexpired rewards. */
    private static final String BALANCES_BETWEEN = "select count(*) from (select worker_id, sum(amount_yen) as balance "
            + "from reward where confirmed_on + 180 >= date '2026-05-01' group by worker_id) b where balance between ? and ?";

    @Autowired
    private LedgerSeeder seeder;

    @Test
    void seedingTheSameSpecTwiceFillsIdenticalTables() {
        // given
        seeder.seed(DEMO);
        String first = ledgerFingerprint();
        emptyTheLedger();

        // when
        seeder.seed(DEMO);

        // then
        assertThat(ledgerFingerprint()).isEqualTo(first);
    }

    @Test
    void anotherSeedFillsEveryTableDifferently() {
        // given
        seeder.seed(DEMO);
        String[] first = ledgerFingerprint().split(" ");
        emptyTheLedger();

        // when
        seeder.seed(new LedgerSpec(DEMO.workers(), DEMO.rewards(), 43, BUSINESS_DATE, Population.REALISTIC));

        // then
        String[] second = ledgerFingerprint().split(" ");
        for (int table = 0; table < first.length; table++) {
            assertThat(second[table]).isNotEqualTo(first[table]);
        }
    }

    @Test
    void theDemoPopulationHasEveryCaseTheNightlyPayoutHandles() {
        // when
        seeder.seed(DEMO);

        // then
        assertThat(count("select count(*) from worker where withdrawal_method = 'ON_DEMAND'")).isBetween(1_500L, 1_700L);
        assertThat(count("select count(*) from worker where withdrawal_method = 'MIN_50000'")).isBetween(150L, 250L);
        assertThat(count("select count(*) from worker where withdrawal_method = 'CARRY_OVER'")).isBetween(150L, 250L);
        assertThat(count("select count(*) from worker where payout_hold")).isBetween(20L, 60L);
        assertThat(count("select count(*) from worker w where not exists "
                + "(select 1 from bank_account b where b.worker_id = w.id)")).isBetween(35L, 90L);
        assertThat(count("select count(distinct bank_code) from bank_account")).isGreaterThanOrEqualTo(6L);
        assertThat(count("select count(*) from bank_account where payee_name ~ '^[ｦ-ﾟ]+ [ｦ-ﾟ]+$' "
                + "and branch_code ~ '^[0-9]{3}$' and account_number ~ '^[0-9]{7}$' and account_type in (1, 2, 4)"))
                .isGreaterThan(1_800L);
        assertThat(count("select count(*) from bank_account where payee_name ~ '^[ァ-ヶ]+　[ァ-ヶ]+$'")).isPositive();
        // the broken accounts, each way the bank's field rules can be broken
        assertThat(count("select count(*) from bank_account where branch_code !~ '^[0-9]{3}$'")).isPositive();
        assertThat(count("select count(*) from bank_account where account_number ~ '^[0-9]{6}$'")).isPositive();
        assertThat(count("select count(*) from bank_account where account_number ~ '^[0-9]{8}$'")).isPositive();
        assertThat(count("select count(*) from bank_account where account_type = 3")).isPositive();
        assertThat(count("select count(*) from bank_account where payee_name ~ '[a-z]'")).isPositive();
        assertThat(count("select count(*) from bank_account where payee_name ~ '[一-龯]'")).isPositive();
        // 180 days: past the withdrawal deadline on the business date
        assertThat(count("select count(*) from reward where confirmed_on < date '2026-05-01' - 180")).isPositive();
        assertThat(count("select count(*) from reward where confirmed_on >= date '2026-05-01' - 180")).isPositive();
        assertThat(count(BALANCES_BETWEEN, 1, 999)).isPositive();
        assertThat(count(BALANCES_BETWEEN, 45_000, 55_000)).isPositive();
    }

    @Test
    void rewardsAreWholeYenInRangeConfirmedInThe240DaysBeforeTheBusinessDateAndUnpaid() {
        // when
        seeder.seed(DEMO);

        // then
        assertThat(count("select count(*) from reward")).isEqualTo(20_000L);
        assertThat(count("select min(amount_yen) from reward")).isGreaterThanOrEqualTo(100L);
        assertThat(count("select max(amount_yen) from reward")).isLessThanOrEqualTo(20_099L);
        assertThat(jdbc.queryForObject("select min(confirmed_on) from reward", LocalDate.class))
                .isAfterOrEqualTo(BUSINESS_DATE.minusDays(240));
        assertThat(jdbc.queryForObject("select max(confirmed_on) from reward", LocalDate.class))
                .isBefore(BUSINESS_DATE);
        assertThat(count("select count(*) from reward where status <> 'UNPAID' or payout_id is not null "
                + "or expired_by_run_id is not null")).isZero();
    }

    @Test
    void theSummaryCountsWhatIsInTheTables() {
        // when
        SeedSummary summary = seeder.seed(DEMO);

        // then
        assertThat(summary.workers()).isEqualTo(count("select count(*) from worker"));
        assertThat(summary.workers(WithdrawalMethod.MIN_50000))
                .isEqualTo(count("select count(*) from worker where withdrawal_method = 'MIN_50000'"));
        assertThat(summary.onHold()).isEqualTo(count("select count(*) from worker where payout_hold"));
        assertThat(summary.withoutBankAccount())
                .isEqualTo(summary.workers() - count("select count(*) from bank_account"));
        assertThat(summary.rewards()).isEqualTo(count("select count(*) from reward"));
        assertThat(summary.rewardsYen()).isEqualTo(count("select sum(amount_yen) from reward"));
        assertThat(summary.pastDeadline())
                .isEqualTo(count("select count(*) from reward where confirmed_on + 180 < date '2026-05-01'"));
        assertThat(summary.report()).contains("20,000").contains("CARRY_OVER");
    }

    @Test
    void aRewardThePlatformAddsAfterSeedingTakesTheNextFreeId() {
        // given
        seeder.seed(DEMO);

        // when
        Long id = jdbc.queryForObject("insert into reward (worker_id, amount_yen, confirmed_on) "
                + "values (1, 500, date '2026-05-01') returning id", Long.class);

        // then
        assertThat(id).isEqualTo(20_001L);
    }

    @Test
    void theRewardTableKeepsItsIndexesAndForeignKeysAfterTheLoadRebuildsThem() {
        // given
        String before = rewardIndexesAndConstraints();

        // when
        seeder.seed(DEMO);

        // then
        assertThat(rewardIndexesAndConstraints()).isEqualTo(before)
                .contains("reward_unpaid_by_worker").contains("reward_unpaid_by_confirmed_on")
                .contains("FOREIGN KEY (worker_id) REFERENCES worker(id)");
    }

    private String rewardIndexesAndConstraints() {
        return jdbc.queryForObject("select (select string_agg(pg_get_indexdef(indexrelid), '; ' order by indexrelid::regclass::text) "
                + "from pg_index where indrelid = 'reward'::regclass) || ' | ' || "
                + "(select string_agg(conname || ' ' || pg_get_constraintdef(oid), '; ' order by conname) "
                + "from pg_constraint where conrelid = 'reward'::regclass)", String.class);
    }

    private String ledgerFingerprint() {
        return jdbc.queryForObject("select concat_ws(' ', "
                + "(select md5(string_agg(w::text, '|' order by w.id)) from worker w), "
                + "(select md5(string_agg(b::text, '|' order by b.worker_id)) from bank_account b), "
                // inserted_xid names the seeding transaction, which differs from one seed to the next
                + "(select md5(string_agg((r.id, r.worker_id, r.amount_yen, r.confirmed_on, r.status)::text, '|'"
                + " order by r.id)) from reward r))", String.class);
    }

    private void emptyTheLedger() {
        jdbc.execute("truncate worker, bank_account, reward restart identity cascade");
    }

    private long count(String sql, Object... parameters) {
        Long value = jdbc.queryForObject(sql, Long.class, parameters);
        return value == null ? 0 : value;
    }
}
