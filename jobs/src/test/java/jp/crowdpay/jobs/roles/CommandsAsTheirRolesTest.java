package jp.crowdpay.jobs.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.InProcess;
import jp.crowdpay.jobs.support.DatabaseRoles;
import jp.crowdpay.jobs.support.DatabaseRoles.Role;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import jp.crowdpay.jobs.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * Every command logged in as the role config/database/roles.sql gives it: the grants of the
 * script are all it needs (no superuser, no ownership, no DDL); and a grant missing fails the run
 * in a process of its own with one line, the whole of its standard error, that names the table and
 * the privilege. The login is the point, not the process: the commands that succeed run in-process.
 */
@Tag(Tiers.PROCESS)
class CommandsAsTheirRolesTest extends DatabaseTest {

    private static final Path FOUR_BANKS = Path.of("src/test/resources/bankmaster/zengin-code-4-banks.json").toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void everyCommandRunsAsItsOwnRole() throws Exception {
        // given the roles, a ledger of two payable workers and one carrying over a reward near its
        // deadline whose login is locked, and a stale automatic lock of a staff account
        DatabaseRoles.apply();
        LedgerFixture ledger = new LedgerFixture(jdbc);
        for (long worker = 1; worker <= 2; worker++) {
            ledger.worker(worker, "ON_DEMAND").account(worker, "0005", "001", 1, "123456" + worker, "ﾃｽﾄ ﾀﾛｳ");
            ledger.reward(worker, 12_000, "2026-11-01");
        }
        ledger.worker(3, "CARRY_OVER").account(3, "0005", "001", 1, "1234563", "ﾃｽﾄ ﾊﾅｺ");
        ledger.reward(3, 5_000, "2026-06-01");
        jdbc.update("insert into login_account (id, worker_id, locked_at, lock_reason) values"
                + " (3, 3, '2026-11-20 10:00+09', 'ADMIN'), (99, null, now() - interval '2 hours', 'FAILED_ATTEMPTS')");

        // when / then: the imports and the night's commands
        expectDone(Role.IMPORTS, "import-banks", FOUR_BANKS.toString());
        expectDone(Role.PAYOUT, "payout", "--date", "2026-10-31");
        expectDone(Role.PAYOUT, "payout", "--date", "2026-11-25");
        expectDone(Role.PAYOUT, "notify-expiring", "--date", "2026-11-25");
        assertThat(jdbc.queryForObject("select worker_id || ' ' || login_locked from expiry_notice", String.class)).isEqualTo("3 true");
        expectDone(Role.PAYOUT, "reissue", "--date", "2026-11-25");
        long transferred = jdbc.queryForObject("select amount_yen from payout where worker_id = 1", Long.class);
        Path notice = Files.writeString(work.resolve("returns.csv"),
                "payout-20261125.csv,0000000001,0005,001,1234561," + transferred + ",1,\r\n", Charset.forName("Windows-31J"));
        expectDone(Role.IMPORTS, "import-returns", notice.toString(), "--date", "2026-11-26");
        assertThat(expectDone(Role.IMPORTS, "returned-accounts").out()).containsPattern("\\n +1  2026-11-26 ");
        // the worker gives a new account: the next night pays the credit, whose trigger reads its return
        jdbc.update("update bank_account set account_number = '7654321' where worker_id = 1");
        expectDone(Role.PAYOUT, "payout", "--date", "2026-11-26");
        assertThat(jdbc.queryForObject("select status from reward where return_id is not null", String.class)).isEqualTo("PAID");

        // when / then: finance closes October, whose only night was its last
        expectDone(Role.IMPORTS, "close-month", "--month", "2026-10", "--missed-nights", "2026-10-01..2026-10-30");
        assertThat(jdbc.queryForObject("select count(*) from closed_month_day", Long.class)).isEqualTo(31);

        // when / then: the lock release and what operators read
        expectDone(Role.LOCKS, "release-locks");
        assertThat(jdbc.queryForObject("select count(*) from lock_release_event where account_id = 99", Long.class)).isOne();
        assertThat(expectDone(Role.READONLY, "status").out()).contains("monthEndClose: last closed month 2026-10: closing liability ");
        expectDone(Role.READONLY, "status", "--check");
    }

    @Test
    void aMissingGrantFailsTheRunWithOneLineNamingTheTableAndThePrivilegeNotALaterFailure() throws Exception {
        // given roles of their own, whose payout role lacks the UPDATE that FOR SHARE needs on
        // bank_account, and SELECT on bank_master_import, which the run's summary reads afterwards
        String prefix = TestDatabase.name() + "_lacking_";
        DatabaseRoles.apply(TestDatabase.url(), prefix);
        String payout = DatabaseRoles.name(prefix, Role.PAYOUT);
        jdbc.execute("revoke update (worker_id) on bank_account from " + payout + "; revoke select on bank_master_import from " + payout);
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0005");
        ledger.reward(1, 12_000, "2026-11-01");
        // when
        ChildProcess.Result result = ChildProcess.run(work.resolve("payout"), Map.of("SPRING_DATASOURCE_USERNAME", payout),
                "payout", "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).isEqualTo("error: the payout for 2026-11-25 ended FAILED: permission denied for table"
                + " bank_account: the statement needs SELECT and UPDATE on it (it locks its rows FOR SHARE or FOR UPDATE, which"
                + " needs UPDATE); run the same command again to continue it\n");
        assertThat(ledger.status(1)).isEqualTo("UNPAID");
    }

    private ChildProcess.Result expectDone(Role role, String... command) throws Exception {
        Path directory = work.resolve(role.name().toLowerCase() + "-" + String.join("-", command).replaceAll("[^\\w-]", "_"));
        ChildProcess.Result result = InProcess.run(directory, Map.of("spring.datasource.username", DatabaseRoles.name(role),
                "payout.outbox", work.resolve("outbox").toString()), command);
        assertThat(result.exitCode()).as(String.join(" ", command) + " as " + role + ": " + result.err()).isEqualTo(ExitCodes.OK);
        return result;
    }
}
