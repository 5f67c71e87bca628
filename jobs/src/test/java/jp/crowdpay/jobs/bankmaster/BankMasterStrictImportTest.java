package jp.crowdpay.jobs.bankmaster;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * import-banks refuses what would silently damage the master: a file that removes more than the
 * configured share unless told to, a key given twice, anything after the JSON object, a folder.
 * Whatever it refuses, the master stays as it was, and one line on standard error says why.
 */
@Tag(Tiers.PROCESS)
class BankMasterStrictImportTest extends DatabaseTest {

    @Autowired
    private BankMasterImporter importer;

    @TempDir
    Path folder;

    private String fourBanks;

    @BeforeEach
    void loadedMaster() throws Exception {
        importer.importFile(BankMasterImportTest.FOUR_BANKS, LIMITED);
        fourBanks = Files.readString(BankMasterImportTest.FOUR_BANKS, StandardCharsets.UTF_8);
    }

    @Test
    void refusesAnEmptyMasterUnlessRemovalsAreAllowedExplicitly() throws Exception {
        // given
        Path empty = file("empty.json", "{}");
        // when
        Captured refused = importBanks(empty.toString());
        Captured allowed = importBanks(empty.toString(), "--allow-removals");
        // then
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).hasLineCount(1).contains("it would remove 4 of 4 (100.0%) banks and 6 of 6 (100.0%) branches,"
                + " more than the 3% that payout.bank-master.max-removed-percent allows", "--allow-removals", "unchanged");
        assertThat(allowed.exitCode()).as(allowed.err()).isEqualTo(ExitCodes.OK);
        assertThat(allowed.out()).contains("banks     added 0  changed 0  removed 4");
        assertThat(jdbc.queryForObject("select count(*) from bank", Long.class)).isZero();
    }

    @Test
    void refusesACutDownMasterThatRemovesOneBankOfFourButTakesOneThatOnlyAdds() throws Exception {
        // given: bank 0999 left out (1 of 4 banks, 1 of 6 branches); and one more bank
        Path cut = file("cut.json", fourBanks.substring(0, fourBanks.indexOf(",\n \"0999\"")) + "\n}");
        Path more = file("more.json", fourBanks.substring(0, fourBanks.lastIndexOf('}'))
                + ", \"0010\": {\"code\": \"0010\", \"name\": \"新銀行\", \"kana\": \"シンギンコウ\"}}");
        // when
        Captured refused = importBanks(cut.toString());
        Captured added = importBanks(more.toString());
        // then
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("1 of 4 (25.0%) banks and 1 of 6 (16.6%) branches");
        assertThat(added.exitCode()).as(added.err()).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForList("select code from bank order by code", String.class))
                .containsExactly("0005", "0009", "0010", "0036", "0999");
    }

    @Test
    void refusesABankOrBranchKeyThatComesTwice() throws Exception {
        // given: bank 0036 twice (a reader keeping the last one would drop branch 251), branch 001 twice
        Path banksTwice = file("banks.json", fourBanks.substring(0, fourBanks.lastIndexOf('}'))
                + ", \"0036\": {\"code\": \"0036\", \"name\": \"楽天\", \"kana\": \"ラクテン\"}}");
        Path branchesTwice = file("branches.json", fourBanks.replace("\"branches\": {\n   \"001\"",
                "\"branches\": {\"001\": {\"code\": \"001\", \"name\": \"x\", \"kana\": \"エツクス\"},\n   \"001\""));
        // when
        Captured banks = importBanks(banksTwice.toString());
        Captured branches = importBanks(branchesTwice.toString());
        // then
        assertThat(banks.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(banks.err()).hasLineCount(1).contains("is not a zengin-code data set", "Duplicate field '0036'", "unchanged");
        assertThat(branches.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(branches.err()).hasLineCount(1).contains("Duplicate field '001'");
        assertMasterUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", " x", "\n{\"0001\": {}}", "]"})
    void refusesAnythingAfterTheObject(String trailing) throws Exception {
        // given
        Path glued = file("glued.json", fourBanks + trailing);
        // when
        Captured run = importBanks(glued.toString());
        // then
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).hasLineCount(1).contains("is not a zengin-code data set: line ");
        assertMasterUnchanged();
    }

    @Test
    void aFolderOrAMissingFileGetsOneLineAndExitTwo() {
        // when
        Captured directory = importBanks(folder.toString());
        Captured missing = importBanks(folder.resolve("missing.json").toString());
        // then
        assertThat(directory.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(directory.err()).hasLineCount(1).contains("is a directory, not a zengin-code file");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).hasLineCount(1).contains("cannot read");
        assertMasterUnchanged();
    }

    @Test
    void theDatabaseRefusesAZenginNameWithACharacterTheBankNameFieldLacks() {
        // when / then
        assertThatThrownBy(() -> jdbc.update("update bank set zengin_name = 'ｸﾚﾃﾞｲ.ｱｸﾞﾘｺﾙ' where code = '0036'"))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("bank_zengin_name_characters");
    }

    @Test
    void aRemovalLimitOutsideZeroToHundredStopsTheProgramAtStart() throws Exception {
        // when
        ChildProcess.Result result = ChildProcess.run(folder, Map.of("PAYOUT_BANKMASTER_MAXREMOVEDPERCENT", "101"),
                "import-banks", BankMasterImportTest.FOUR_BANKS.toAbsolutePath().toString());
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("payout.bank-master.max-removed-percent");
        assertMasterUnchanged();
    }

    private void assertMasterUnchanged() {
        assertThat(jdbc.queryForObject("select count(*) from bank", Long.class)).isEqualTo(4);
        assertThat(jdbc.queryForObject("select count(*) from bank_branch", Long.class)).isEqualTo(6);
        assertThat(jdbc.queryForObject("select count(*) from bank_master_import", Long.class)).isEqualTo(1);
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Captured importBanks(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "import-banks";
        System.arraycopy(args, 0, command, 1, args.length);
        return executeCapturing(command);
    }
}
