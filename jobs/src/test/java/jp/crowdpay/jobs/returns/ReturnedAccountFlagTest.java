package jp.crowdpay.jobs.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flag on a returned account holds while the bank would see the same account: bank, branch,
 * type, number and the payee name as the bank file spells it. The platform saving the same
 * account in another spelling keeps the worker carried forward; only a change that alters the
 * bank line lifts the flag, and the night after pays. All workers bank at 0036 (fee 100 yen).
 */
class ReturnedAccountFlagTest extends DatabaseTest {

    @TempDir
    Path inbox;

    /**
     * One worker: the account as stored when paid on 2026-11-24 and returned, the account the
     * platform stores before the night of 2026-11-25, and what that night must do.
     */
    private record Edit(long worker, String what, String number, String name, String column, Object value, String expected) {
    }

    private static final String NAME = "ﾓﾘ ﾋﾛﾄ";
    private static final String CARRIED = "carried ACCOUNT_RETURNED";

    private static final List<Edit> EDITS = List.of(
            new Edit(1, "half-width kana saved as full-width kana and an ideographic space", "0000001", NAME,
                    "payee_name", "モリ　ヒロト", CARRIED),
            new Edit(2, "full-width kana saved as half-width kana", "0000002", "モリ　ヒロト",
                    "payee_name", "ﾓﾘ ﾋﾛﾄ", CARRIED),
            new Edit(3, "katakana saved as hiragana", "0000003", NAME, "payee_name", "もり ひろと", CARRIED),
            new Edit(4, "a doubled space", "0000004", NAME, "payee_name", "ﾓﾘ  ﾋﾛﾄ", CARRIED),
            new Edit(5, "leading and trailing spaces, half- and full-width", "0000005", NAME,
                    "payee_name", " 　ﾓﾘ ﾋﾛﾄ　 ", CARRIED),
            new Edit(6, "capitals saved full-width", "0000006", "SMITH JOHN", "payee_name", "ＳＭＩＴＨ　ＪＯＨＮ", CARRIED),
            new Edit(7, "capitals saved in lower case: the bank file takes none, so there is no bank line",
                    "0000007", "SMITH JOHN", "payee_name", "smith john", "carried INVALID_PAYEE_NAME"),
            new Edit(8, "large kana saved as the small kana the bank writes large", "0000008", "ｷﾖｳｺ",
                    "payee_name", "キョウコ", CARRIED),
            new Edit(9, "the bank's hyphen saved as the long vowel mark", "0000009", "ｺ-ｼﾞ", "payee_name", "コージ",
                    CARRIED),
            new Edit(10, "the half-width long vowel mark and a voiced mark composed", "0000010", "ｺ-ｼﾞ",
                    "payee_name", "ｺｰシ\u3099", CARRIED),
            new Edit(11, "the account number without its leading zeros: not an account the bank file takes",
                    "0000011", NAME, "account_number", "11", "carried INVALID_BANK_ACCOUNT"),
            new Edit(12, "the branch code with one leading zero more: not an account the bank file takes",
                    "0000012", NAME, "branch_code", "0101", "carried INVALID_BANK_ACCOUNT"),
            new Edit(13, "nothing changed", "0000013", NAME, "payee_name", NAME, CARRIED),
            new Edit(14, "another account number", "0000014", NAME, "account_number", "4100014",
                    "paid 15,700 = 15,800 - 100 to 0036,101,1,4100014,ﾓﾘ ﾋﾛﾄ"),
            new Edit(15, "another payee name", "0000015", NAME, "payee_name", "モリ　ヒロシ",
                    "paid 15,800 = 15,900 - 100 to 0036,101,1,0000015,ﾓﾘ ﾋﾛｼ"),
            new Edit(16, "another account type", "0000016", NAME, "account_type", 4,
                    "paid 15,900 = 16,000 - 100 to 0036,101,4,0000016,ﾓﾘ ﾋﾛﾄ"),
            new Edit(17, "another branch", "0000017", NAME, "branch_code", "102",
                    "paid 16,000 = 16,100 - 100 to 0036,102,1,0000017,ﾓﾘ ﾋﾛﾄ"),
            new Edit(18, "a voiced mark added, which the bank line carries", "0000018", NAME,
                    "payee_name", "ﾓﾘ ﾋﾛﾄﾞ", "paid 16,100 = 16,200 - 100 to 0036,101,1,0000018,ﾓﾘ ﾋﾛﾄﾞ"),
            new Edit(19, "the account number in full-width digits: not an account the bank file takes",
                    "0000019", NAME, "account_number", "０００００１９", "carried INVALID_BANK_ACCOUNT"));

    @Test
    void aCosmeticEditKeepsTheWorkerCarriedForwardAndAChangeOfTheBankLineIsPaidTheNightAfter() throws Exception {
        // given: worker w earns 10,000 + 100 w and is paid 9,900 + 100 w on 2026-11-24; every transfer comes back
        LedgerFixture ledger = new LedgerFixture(jdbc);
        List<String> notice = new ArrayList<>();
        for (Edit edit : EDITS) {
            ledger.worker(edit.worker(), "ON_DEMAND").account(edit.worker(), "0036", "101", 1, edit.number(), edit.name());
            ledger.reward(edit.worker(), 10_000 + 100 * edit.worker(), "2026-11-01");
            notice.add(String.format("payout-20261124.csv,%010d,0036,101,%s,%d,1,", edit.worker(), edit.number(),
                    9_900 + 100 * edit.worker()));
        }
        assertThat(executeCapturing("payout", "--date", "2026-11-24").exitCode()).isEqualTo(ExitCodes.OK);
        Captured imported = executeCapturing("import-returns",
                ReturnsFixture.notice(inbox.resolve("returns.csv"), notice.toArray(String[]::new)).toString(),
                "--date", "2026-11-25");
        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitCodes.OK);
        // and: the platform saves each account as the worker typed it again; each earns 4,500 more
        for (Edit edit : EDITS) {
            jdbc.update("update bank_account set " + edit.column() + " = ? where worker_id = ?", edit.value(), edit.worker());
            ledger.reward(edit.worker(), 4_500, "2026-11-25");
        }

        // when
        Captured night = executeCapturing("payout", "--date", "2026-11-25");

        // then: balance = the credit 9,900 + 100 w + 4,500
        assertThat(night.exitCode()).as(night.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcomes("2026-11-25")).containsExactlyElementsOf(EDITS.stream()
                .map(edit -> edit.worker() + " " + edit.what() + ": " + edit.expected()
                        + (edit.expected().startsWith("carried") ? String.format(" %,d", 14_400 + 100 * edit.worker()) : ""))
                .toList());
        assertThat(Files.readString(Path.of(OUTBOX, "payout-20261125.csv"), ReturnsFixture.WINDOWS_31J)).isEqualTo(
                "0036,101,1,4100014,ﾓﾘ ﾋﾛﾄ,15700,0000000014\r\n"
                        + "0036,101,1,0000015,ﾓﾘ ﾋﾛｼ,15800,0000000015\r\n"
                        + "0036,101,4,0000016,ﾓﾘ ﾋﾛﾄ,15900,0000000016\r\n"
                        + "0036,102,1,0000017,ﾓﾘ ﾋﾛﾄ,16000,0000000017\r\n"
                        + "0036,101,1,0000018,ﾓﾘ ﾋﾛﾄﾞ,16100,0000000018\r\n");
        // and: support's list names the workers carried forward for a returned account, and no one else
        Captured list = executeCapturing("returned-accounts");
        assertThat(list.out().lines().filter(line -> line.matches(" +\\d+  2026-11-25 .*"))
                .map(line -> Long.parseLong(line.strip().split(" ")[0])).toList())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 8L, 9L, 10L, 13L);
    }

    /** What the night did with each worker, in the words of {@link Edit#expected}. */
    private List<String> outcomes(String date) {
        return EDITS.stream().map(edit -> edit.worker() + " " + edit.what() + ": " + jdbc.queryForObject("""
                select coalesce(
                    (select 'paid ' || to_char(p.amount_yen, 'FM999,999') || ' = ' || to_char(p.gross_yen, 'FM999,999')
                            || ' - ' || p.fee_yen || ' to ' || p.bank_code || ',' || p.branch_code || ',' || p.account_type
                            || ',' || p.account_number || ',' || p.payee_name
                     from payout p join payout_run r on r.id = p.run_id
                     where r.business_date = ?::date and p.worker_id = ?),
                    (select 'carried ' || e.reason || ' ' || to_char(e.balance_yen, 'FM999,999')
                     from payout_exception e join payout_run r on r.id = e.run_id
                     where r.business_date = ?::date and e.worker_id = ?),
                    'neither paid nor carried')""", String.class, date, edit.worker(), date, edit.worker())).toList();
    }
}
