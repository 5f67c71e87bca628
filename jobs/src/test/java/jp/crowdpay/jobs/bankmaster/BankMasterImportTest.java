package jp.crowdpay.jobs.bankmaster;

import static jp.crowdpay.jobs.bankmaster.BankMasterImporter.Removals.ALLOWED;
import static jp.crowdpay.jobs.bankmaster.BankMasterImporter.Removals.LIMITED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/** import-banks: the master replaced whole, in one transaction, with what changed reported. */
@Tag(Tiers.PROCESS)
class BankMasterImportTest extends DatabaseTest {

    static final Path FOUR_BANKS = Path.of("src/test/resources/bankmaster/zengin-code-4-banks.json");
    /** FOUR_BANKS with bank 0999 removed, branch 0036-252 renamed and branch 0005-003 added. */
    static final Path NEXT = Path.of("src/test/resources/bankmaster/zengin-code-next.json");

    @Autowired
    private BankMasterImporter importer;

    @TempDir
    Path workingDirectory;

    @Test
    void importsEveryBankAndBranchWithItsHalfWidthZenginNameCutTo15() throws Exception {
        // when
        BankMasterImporter.Report report = importer.importFile(FOUR_BANKS, LIMITED);
        // then
        assertThat(report.banks()).isEqualTo(4);
        assertThat(report.branches()).isEqualTo(6);
        assertThat(report.changes()).isEqualTo(new BankMasterChanges(4, 0, 0, 6, 0, 0));
        assertThat(jdbc.queryForList("select code || ' ' || coalesce(zengin_name, '-') from bank order by code", String.class))
                .containsExactly("0005 ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ", "0009 ﾐﾂｲｽﾐﾄﾓ", "0036 ﾗｸﾃﾝ", "0999 -");
        assertThat(jdbc.queryForObject("select zengin_name from bank_branch where bank_code = '0009' and code = '123'",
                String.class)).isEqualTo("ﾄｳｷﾖｳｴｷﾏｴﾀﾞｲｲﾁｼ");
        assertThat(jdbc.queryForObject("select zengin_name from bank_branch where bank_code = '0036' and code = '251'",
                String.class)).isEqualTo("ｼﾞﾔｽﾞ");
    }

    @Test
    void keepsANameWithCharactersTheBankLacksAsIsAndCountsIt() throws Exception {
        // when
        BankMasterImporter.Report report = importer.importFile(FOUR_BANKS, LIMITED);
        // then: テスト・ギンコウ has a ・, which has no half-width form
        assertThat(report.unconvertedNames()).isEqualTo(1);
        assertThat(jdbc.queryForMap("select name, kana, zengin_name from bank where code = '0999'"))
                .containsEntry("kana", "テスト・ギンコウ").containsEntry("zengin_name", null);
    }

    @Test
    void reimportReplacesTheMasterAndReportsWhatWasAddedChangedAndRemoved() throws Exception {
        // given
        importer.importFile(FOUR_BANKS, LIMITED);
        // when: one bank of four removed, more than the 3 % of the default limit
        BankMasterImporter.Report report = importer.importFile(NEXT, ALLOWED);
        // then
        assertThat(report.changes()).isEqualTo(new BankMasterChanges(0, 0, 1, 1, 1, 1));
        assertThat(jdbc.queryForList("select code from bank order by code", String.class))
                .containsExactly("0005", "0009", "0036");
        assertThat(jdbc.queryForList("select bank_code || '-' || code || ' ' || zengin_name from bank_branch"
                + " order by bank_code, code", String.class)).containsExactly(
                "0005-001 ﾎﾝﾃﾝ", "0005-002 ﾏﾙﾉｳﾁ", "0005-003 ｼﾝｼﾞﾕｸ", "0009-123 ﾄｳｷﾖｳｴｷﾏｴﾀﾞｲｲﾁｼ",
                "0036-251 ｼﾞﾔｽﾞ", "0036-252 ﾛﾂｸﾝﾛ-ﾙ");
        assertThat(jdbc.queryForList("select banks_removed || ' ' || branches_added || ' ' || branches_changed"
                + " || ' ' || branches_removed from bank_master_import order by id", String.class))
                .containsExactly("0 6 0 0", "1 1 1 1");
    }

    @Test
    void leavesTheMasterUntouchedWhenTheFileIsNotTheDataSet(@TempDir Path folder) throws Exception {
        // given
        importer.importFile(FOUR_BANKS, LIMITED);
        Path broken = folder.resolve("broken.json");
        Files.writeString(broken, "{\"0036\": {\"code\": \"36\", \"name\": \"楽天\", \"kana\": \"ラクテン\"}}",
                StandardCharsets.UTF_8);
        // when / then
        assertThatThrownBy(() -> importer.importFile(broken, LIMITED)).hasMessageContaining("bank 0036: code must be 4 digits");
        assertThat(jdbc.queryForObject("select count(*) from bank", Long.class)).isEqualTo(4);
        assertThat(jdbc.queryForObject("select count(*) from bank_master_import", Long.class)).isEqualTo(1);
    }

    @Test
    void theCommandPrintsTheChangesAndExitsZero() throws Exception {
        // when
        ChildProcess.Result result = ChildProcess.run(workingDirectory, Map.of(),
                "import-banks", FOUR_BANKS.toAbsolutePath().toString());
        // then
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("4 banks, 6 branches")
                .contains("banks     added 4  changed 0  removed 0")
                .contains("branches  added 6  changed 0  removed 0")
                .contains("1 names have characters the bank's set lacks");
    }
}
